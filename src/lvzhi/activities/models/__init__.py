from .activities import (
    Activity,
    ActivityKind,
    MemberGroup,
    Participation,
    ReportItem,
    future_horizon,
)
from .roadmap import CaseSubject, MemberCase, RoadmapTask
from .scoring import GradeBand, Rule, RuleSet, ScoreCap

__all__ = [
    "Activity",
    "ActivityKind",
    "GradeBand",
    "CaseSubject",
    "MemberCase",
    "MemberGroup",
    "Participation",
    "ReportItem",
    "RoadmapTask",
    "Rule",
    "RuleSet",
    "ScoreCap",
    "future_horizon",
]
