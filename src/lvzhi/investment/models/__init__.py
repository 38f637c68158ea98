"""招商项目, 政银企 financing and 百企扶百村 pairings."""

from .financing import FinancingMatch, FinancingNeed, MatchTransition
from .pairing import Pairing, SupportRecord
from .project import FundsInPlace, InvestmentProject, ProjectCredit, ProjectTransition

__all__ = [
    "FinancingMatch",
    "FinancingNeed",
    "FundsInPlace",
    "InvestmentProject",
    "MatchTransition",
    "Pairing",
    "ProjectCredit",
    "ProjectTransition",
    "SupportRecord",
]
