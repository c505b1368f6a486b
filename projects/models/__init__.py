from projects.models.activity import FollowUp, Interaction, Milestone, StageChange, StatusChange
from projects.models.events import (
    EVALUATION_CRITERIA,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)
from projects.models.project import InvestmentProject, ProjectCodeSequence
from projects.models.targets import AnnualTarget

__all__ = [
    "EVALUATION_CRITERIA",
    "AnnualTarget",
    "FollowUp",
    "Interaction",
    "InvestmentProject",
    "Milestone",
    "OnSiteEvaluation",
    "Presentation",
    "ProjectCodeSequence",
    "RoadshowEvent",
    "Signing",
    "SigningCeremony",
    "StageChange",
    "StatusChange",
]
