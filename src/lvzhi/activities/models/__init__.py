from .activities import (
    Activity,
    ActivityKind,
    MemberGroup,
    Participation,
    ReportItem,
    future_horizon,
)
from .roadmap import MemberCase, RoadmapTask
from .scoring import GradeBand, Rule, RuleSet, ScoreCap

__all__ = [
    "Activity",
    "ActivityKind",
    "GradeBand",
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
