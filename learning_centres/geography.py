"""Provinces and districts with their official DOPA codes (from geothai) and the region of
each province (the six-region grouping of the National Geographical Committee, which
geothai does not carry)."""

import geothai

REGION_PROVINCE_CODES: dict[str, tuple[str, ...]] = {
    "north": ("50", "51", "52", "53", "54", "55", "56", "57", "58"),
    "northeast": (
        "30",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "39",
        "40",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "47",
        "48",
        "49",
    ),
    "central": (
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "26",
        "60",
        "61",
        "62",
        "64",
        "65",
        "66",
        "67",
        "72",
        "73",
        "74",
        "75",
    ),
    "east": ("20", "21", "22", "23", "24", "25", "27"),
    "west": ("63", "70", "71", "76", "77"),
    "south": ("80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"),
}
REGION_OF_PROVINCE = {code: region for region, codes in REGION_PROVINCE_CODES.items() for code in codes}


def load_geography(province_model, district_model) -> tuple[int, int]:
    """Create or update every province and district; return their counts.

    Takes the model classes so that a data migration can pass its historical models.
    """
    provinces = geothai.provinces()
    for province in provinces:
        province_model.objects.update_or_create(
            code=province.code,
            defaults={
                "name_th": province.name_th,
                "name_en": province.name_en,
                "region": REGION_OF_PROVINCE[province.code],
            },
        )
    district_count = 0
    for province in provinces:
        for district in geothai.districts(province.code):
            district_model.objects.update_or_create(
                code=district.code,
                defaults={
                    "name_th": district.name_th,
                    "name_en": district.name_en,
                    "province_id": province.code,
                },
            )
            district_count += 1
    return len(provinces), district_count
