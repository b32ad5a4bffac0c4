"""The one list of case-study columns, shared by the exports and the importer.

Exports write every column in this order; imports read the columns marked `imported`
(others, such as `url`, are ignored on import so an export can be imported back as it is).
The list is documented in docs/open-data.md; keep the names stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from learning_centres.models import CaseStudyPage

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    imported: bool = True
    required: bool = False


LAO_TYPE_HELP = "pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya (or the Thai name)"
SECTION_COLUMNS = tuple(Column(name, f"{th} ({en}); HTML or plain text") for name, th, en in CaseStudyPage.SECTIONS)

CASE_STUDY_COLUMNS: tuple[Column, ...] = (
    Column("external_id", "Your stable id for the case; re-importing it updates the page (max 64 characters)"),
    Column("title", "Title", required=True),
    Column("slug", "URL slug in Latin letters (made from external_id, else the title, when empty)"),
    Column("summary", "Two or three sentences", required=True),
    Column("year_be", "Year the practice started, Buddhist era (2567, ๒๕๖๗; a CE year such as 2024 is converted)", required=True),
    Column("year_ce", "The same year in CE (export only)", imported=False),
    Column("centre", "Title of the learning centre; matched by title, created when new", required=True),
    Column("centre_type", "elderly_care or child_development (or the Thai name); needed when the centre is new"),
    Column("lao", "Thai name of the LAO running the centre; matched in the province, created when new"),
    Column("lao_type", LAO_TYPE_HELP),
    Column("lao_code", "Official DLA code of the LAO (optional; matched first when given)"),
    Column("province_code", "Two-digit DOPA province code (or give `province`)"),
    Column("province", "Province name in Thai or English"),
    Column("district_code", "Four-digit DOPA district code (optional; or give `district`)"),
    Column("district", "District name in Thai or English (optional)"),
    Column("focus_areas", "Focus areas separated by ';': slug, Thai or English name (at least one)", required=True),
    Column("keywords", "Free keywords separated by ';'"),
    Column("target_groups", "Target groups separated by ';' (slug or name)"),
    Column("funding_sources", "Sources of funds separated by ';' (slug or name)"),
    Column("budget_baht", "Budget in baht (digits, Thai digits and commas accepted)"),
    Column(
        "evidence_level",
        "Evidence level 1–5 (1 idea, 2 practised, 3 measured results, 4 independently evaluated, 5 adopted by other LAOs;"
        " or the Thai or English name); empty keeps the page's level",
    ),
    *SECTION_COLUMNS,
    Column("indicators", 'Indicators as a JSON list: [{"label", "baseline", "result"}]; empty keeps the page\'s'),
    Column(
        "readings",
        'Dated indicator readings as a JSON list: [{"indicator" (an indicator\'s label), "date" (YYYY-MM-DD, CE or BE year),'
        ' "value", "unit", "source"}]; empty keeps the page\'s',
    ),
    Column("follow_ups", 'Follow-ups as a JSON list: [{"date" (YYYY-MM-DD, CE or BE year), "title", "text"}]; empty keeps the page\'s'),
    Column("images", "Picture file names in the ZIP, separated by ';'"),
    Column("documents", "Document file names in the ZIP, separated by ';'"),
    Column("adopted_by", "LAOs that reported adopting the case, separated by ';' (export only)", imported=False),
    Column("page_id", "Portal page id (export only)", imported=False),
    Column("url", "Public address (export only)", imported=False),
    Column("first_published_at", "First publication, ISO 8601 (export only)", imported=False),
    Column("image_urls", "Addresses of the original pictures (export only)", imported=False),
    Column("document_urls", "Addresses of the documents (export only)", imported=False),
)
COLUMN_NAMES = tuple(column.name for column in CASE_STUDY_COLUMNS)
IMPORTED_COLUMNS = frozenset(column.name for column in CASE_STUDY_COLUMNS if column.imported)
REQUIRED_COLUMNS = tuple(column.name for column in CASE_STUDY_COLUMNS if column.required)

LAO_COLUMNS: tuple[Column, ...] = (
    Column("code", "Official DLA code of the LAO", required=True),
    Column("name", "Thai name", required=True),
    Column("name_en", "English name (optional)"),
    Column(
        "type",
        "pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya (or the Thai name)",
        required=True,
    ),
    Column("province", "DOPA province code, or the Thai or English name", required=True),
    Column("district", "DOPA district code, or the Thai or English name, within the province (optional for อบจ., กรุงเทพมหานคร)"),
)
