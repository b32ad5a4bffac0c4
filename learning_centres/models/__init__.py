from .access import CentreAccess
from .evidence import EvidenceLevel
from .outcomes import FollowUpReminder, IndicatorReading
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
    "EvidenceLevel",
    "FocusArea",
    "FollowUpReminder",
    "IndicatorReading",
    "FundingSource",
    "LAOType",
    "LearningCentreImage",
    "LearningCentrePage",
    "LocalAdministrativeOrganisation",
    "Province",
    "Region",
    "TargetGroup",
]
