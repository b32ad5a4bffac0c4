"""The names of Thai local government as people write them: the seven LAO types with their
abbreviations, the abbreviations of the programmes and agencies LAO staff name, and the
prefixes of place names.

This is the one list: the visit form's organisation matching, the spreadsheet importer, the
search synonyms and the segmenter's dictionary all read it, so an abbreviation known in one
place (ทต. = เทศบาลตำบล) is known in every other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Abbreviation:
    """A short form with the full Thai name it stands for and English equivalents (for the
    search synonyms)."""

    short: str  # as written, with its dots: "ทต."
    full: str
    english: tuple[str, ...] = ()

    @property
    def undotted(self) -> str:
        """ทต. → ทต (people drop the dots; the normaliser does too)."""
        return self.short.replace(".", "")

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.short, self.undotted)))


@dataclass(frozen=True)
class LAOKind:
    """A type of local administrative organisation (อปท.); `value` is what the database stores."""

    value: str
    name_th: str
    name_en: str
    abbreviation: Abbreviation | None


def _lao(value: str, name_th: str, name_en: str, short: str | None, *english: str) -> LAOKind:
    abbreviation = Abbreviation(short, name_th, english) if short else None
    return LAOKind(value, name_th, name_en, abbreviation)


LAO_KINDS: tuple[LAOKind, ...] = (
    _lao("pao", "องค์การบริหารส่วนจังหวัด", "Provincial Administrative Organisation", "อบจ."),
    _lao("city_municipality", "เทศบาลนคร", "City municipality", "ทน."),
    _lao("town_municipality", "เทศบาลเมือง", "Town municipality", "ทม."),
    _lao("subdistrict_municipality", "เทศบาลตำบล", "Sub-district municipality", "ทต."),
    _lao("sao", "องค์การบริหารส่วนตำบล", "Sub-district Administrative Organisation", "อบต."),
    _lao("bangkok", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "กทม.", "bangkok"),
    _lao("pattaya", "เมืองพัทยา", "Pattaya City", None),
)
LAO_KIND_BY_VALUE: dict[str, LAOKind] = {kind.value: kind for kind in LAO_KINDS}
LAO_ABBREVIATIONS: tuple[Abbreviation, ...] = tuple(kind.abbreviation for kind in LAO_KINDS if kind.abbreviation)

# Programmes, agencies and volunteers that case studies name by their initials.
PROGRAMME_ABBREVIATIONS: tuple[Abbreviation, ...] = (
    Abbreviation("อปท.", "องค์กรปกครองส่วนท้องถิ่น", ("local administrative organisation", "lao")),
    Abbreviation("ศพด.", "ศูนย์พัฒนาเด็กเล็ก", ("child development centre",)),
    Abbreviation("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    Abbreviation("อสม.", "อาสาสมัครสาธารณสุขประจำหมู่บ้าน"),
    Abbreviation("สสส.", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ", ("thaihealth",)),
    Abbreviation("สถ.", "กรมส่งเสริมการปกครองท้องถิ่น"),
    Abbreviation("สปสช.", "สำนักงานหลักประกันสุขภาพแห่งชาติ"),
    Abbreviation("พม.", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
)
# Initials the segmenter must keep whole although nothing here expands them.
OTHER_ABBREVIATIONS: tuple[str, ...] = ("อสส.", "พ.ศ.", "ค.ศ.")

ABBREVIATIONS: tuple[Abbreviation, ...] = LAO_ABBREVIATIONS + PROGRAMME_ABBREVIATIONS

# Place-name prefixes as spreadsheets write them, matched on normalised text (the
# normaliser drops the dot of "จ.", so "จ. เชียงใหม่" arrives as "จ เชียงใหม่").
PROVINCE_PREFIXES: tuple[str, ...] = ("จังหวัด", "จ ", "changwat ")
DISTRICT_PREFIXES: tuple[str, ...] = ("อำเภอ", "อ ", "เขต", "amphoe ")


def expand_lao_abbreviation(text: str) -> str:
    """The full name for a name typed with an LAO-type abbreviation, dotted or not:
    "อบต.แม่แฝก" and "อบต แม่แฝก" → "องค์การบริหารส่วนตำบลแม่แฝก"; other text unchanged."""
    text = " ".join(text.split())
    for abbreviation in LAO_ABBREVIATIONS:
        for spelling in abbreviation.spellings:
            rest = text[len(spelling) :]
            # Undotted, the abbreviation must stand alone: "อบตแม่แฝก" is not read as one.
            if text.startswith(spelling) and (spelling.endswith(".") or not rest or rest[0] == " "):
                return abbreviation.full + rest.lstrip()
    return text


def strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    """ "จังหวัดเชียงใหม่" → "เชียงใหม่" (a bare prefix is left as it is)."""
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :].strip()
    return text


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Each abbreviation with its full name and English equivalents: ("ทต.", "เทศบาลตำบล")."""
    return tuple((a.short, a.full, *a.english) for a in ABBREVIATIONS)


def undotted_abbreviations() -> tuple[str, ...]:
    """The abbreviations the segmenter must keep whole, undotted (the normaliser removes the
    dots before segmenting)."""
    shorts = [a.short for a in ABBREVIATIONS] + list(OTHER_ABBREVIATIONS)
    return tuple(dict.fromkeys(short.replace(".", "") for short in shorts))


# Titles a Thai name may already carry (courtesy, rank, academic, medical, royal, monastic).
# Whole words only where a given name could begin with the same letters (พัน…, ร้อย…).
PERSONAL_TITLES = (
    "คุณ", "นาย", "นางสาว", "นาง", "น.ส.", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.",
    "ดร.", "ศ.", "รศ.", "ผศ.", "นพ.", "พญ.", "ทพ.", "ทญ.", "ภก.", "ภญ.", "สพ.ญ.", "น.สพ.",
    "พระ", "พระครู", "พระมหา", "แม่ชี", "ม.ร.ว.", "ม.ล.", "ม.จ.", "หม่อม", "ท่านผู้หญิง", "คุณหญิง",
    "ว่าที่", "พล.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.ส.", "ส.อ.", "ส.ท.", "ส.ต.", "ด.ต.",
    "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "ร้อยโท", "ร้อยตรี", "จ่าสิบ", "สิบเอก", "สิบโท", "สิบตรี",
    "พันตำรวจ", "ร้อยตำรวจ", "นายแพทย์", "แพทย์หญิง",
)  # fmt: skip


def has_personal_title(name: str) -> bool:
    return name.strip().startswith(PERSONAL_TITLES)


def courteous_name(name: str) -> str:
    """The name as a Thai letter addresses its reader: คุณ before a bare name, never before
    one that already has a title (never "คุณนายสมชาย")."""
    name = " ".join(name.split())
    return name if not name or has_personal_title(name) else f"คุณ{name}"
