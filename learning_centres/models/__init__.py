from .access import CentreAccess
from .pages import (
    CaseStudyDocument,
    CaseStudyFollowUp,
    CaseStudyImage,
    CaseStudyIndexPage,
    CaseStudyIndicator,
    CaseStudyPage,
    CaseStudyTag,
    CentreIndexPage,
    CentreType,
    LearningCentreImage,
    LearningCentrePage,
)
from .registry import District, LAOType, LocalAdministrativeOrganisation, Province, Region
from .taxonomy import FocusArea, FundingSource, TargetGroup

__all__ = [
    "CaseStudyDocument",
    "CentreAccess",
    "CaseStudyFollowUp",
    "CaseStudyImage",
    "CaseStudyIndexPage",
    "CaseStudyIndicator",
    "CaseStudyPage",
    "CaseStudyTag",
    "CentreIndexPage",
    "CentreType",
    "District",
    "FocusArea",
    "FundingSource",
    "LAOType",
    "LearningCentreImage",
    "LearningCentrePage",
    "LocalAdministrativeOrganisation",
    "Province",
    "Region",
    "TargetGroup",
]
