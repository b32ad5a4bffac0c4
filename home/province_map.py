"""The Thailand province map on the home page, drawn server-side as inline SVG.

The shapes come from npm's @svg-maps/thailand (CC BY 4.0), copied into static/maps/thailand/
by `make install` (tools/copy_map.py). Its paths carry English province names and its own
three-letter ids, not DOPA codes, so each shape is matched to a DOPA code through geothai's
official English names (the package data, not our editable Province rows): letters only,
case ignored, since the map writes "Lop Buri" where geothai writes "Lopburi". Songkhla Lake is
the one shape that is not a province; it is drawn as water.

Provinces are shaded by their number of case studies in a few quantile classes of the
provinces that have any, so a handful of busy provinces does not wash out the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geothai
from defusedxml import ElementTree

from django.conf import settings
from django.utils.translation import gettext

MAP_FILE = Path(settings.BASE_DIR) / "static" / "maps" / "thailand" / "thailand.svg"
LICENCE_PATH = "maps/thailand/LICENSE.md"  # a static file, copied beside the map
SVG_NS = "{http://www.w3.org/2000/svg}"
CLASSES = 4  # shaded classes for provinces with case studies; class 0 is "none yet"


class MapNotInstalled(RuntimeError):
    """static/maps/thailand/ is built by `make install` (or `make map`)."""


@dataclass(frozen=True)
class Shape:
    map_id: str
    name_en: str
    path: str


@dataclass(frozen=True)
class MapShapes:
    view_box: str
    provinces: dict[str, Shape]  # DOPA code → shape
    water: tuple[Shape, ...]  # shapes that are not provinces (Songkhla Lake)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    return {_letters(province.name_en): province.code for province in geothai.provinces()}


@lru_cache(maxsize=1)
def map_shapes(map_file: Path = MAP_FILE) -> MapShapes:
    if not map_file.is_file():
        raise MapNotInstalled(f"{map_file} is missing: run `make install` (or `make map`).")
    root = ElementTree.parse(map_file).getroot()
    codes = _codes_by_name()
    provinces: dict[str, Shape] = {}
    water: list[Shape] = []
    for element in root.iter(f"{SVG_NS}path"):
        shape = Shape(map_id=element.get("id", ""), name_en=element.get("aria-label", ""), path=element.get("d", ""))
        code = codes.get(_letters(shape.name_en))
        if code is None:
            water.append(shape)
        else:
            provinces[code] = shape
    return MapShapes(view_box=root.get("viewBox", "0 0 560 1025"), provinces=provinces, water=tuple(water))


@dataclass(frozen=True)
class ShadeClass:
    number: int  # 0 = no case study; up to CLASSES, darker as counts grow
    low: int
    high: int


def shade_classes(counts: Mapping[str, int], classes: int = CLASSES) -> list[ShadeClass]:
    """Class 0 for zero, then up to `classes` quantile classes over the provinces that have
    case studies; a class's bounds are counts that occur, and no two classes overlap."""
    positive = sorted(count for count in counts.values() if count > 0)
    result = [ShadeClass(0, 0, 0)]
    if not positive:
        return result
    uppers = sorted({positive[max(math.ceil(len(positive) * step / classes) - 1, 0)] for step in range(1, classes + 1)})
    # With fewer distinct counts than classes, the darkest classes are used: the busiest
    # provinces always stand out.
    low = 1
    for number, high in enumerate(uppers, start=classes - len(uppers) + 1):
        result.append(ShadeClass(number, low, high))
        low = high + 1
    return result


def shade_of(count: int, classes: list[ShadeClass]) -> int:
    for shade in classes:
        if count <= shade.high:
            return shade.number
    return classes[-1].number


BANGKOK = "10"  # a special administrative area, not a จังหวัด


def full_name(code: str, name: str) -> str:
    """ "จังหวัดเชียงใหม่" / "Chiang Mai Province", but plain "กรุงเทพมหานคร" / "Bangkok"."""
    return name if code == BANGKOK else gettext("จังหวัด%(name)s") % {"name": name}


@dataclass(frozen=True)
class MapProvince:
    code: str
    name: str
    full_name: str
    count: int
    shade: int
    url: str
    path: str


def province_map(counts: Mapping[str, int], names: Mapping[str, str], url_for: Callable[[str], str]) -> dict:
    """What templates/components/province_map.html draws: every province with its count,
    shading class and link, the water shapes, and the legend."""
    shapes = map_shapes()
    classes = shade_classes({code: counts.get(code, 0) for code in shapes.provinces})
    provinces = [
        MapProvince(
            code=code,
            name=names.get(code, shape.name_en),
            full_name=full_name(code, names.get(code, shape.name_en)),
            count=counts.get(code, 0),
            shade=shade_of(counts.get(code, 0), classes),
            url=url_for(code),
            path=shape.path,
        )
        for code, shape in shapes.provinces.items()
    ]
    return {
        "view_box": shapes.view_box,
        "provinces": provinces,
        "table": sorted(provinces, key=lambda province: (-province.count, province.name)),
        "water": shapes.water,
        "legend": classes,
        "licence_path": LICENCE_PATH,
    }
