"""Copy the Thailand province map into static/maps/thailand/ (run by `make map`; standard library only).

`npm ci` installs npm's @svg-maps/thailand (CC BY 4.0, by Tae Noppakun Wongsrinoppakun) at
the version pinned in package-lock.json. This takes its SVG (one path per province, plus
Songkhla Lake) and its licence, which CC BY asks to travel with the map. The home page
reads the path data server-side (home/province_map.py); static/maps/ is git-ignored: it is
rebuilt from the registry package, never committed.
"""

import shutil
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@svg-maps" / "thailand"
TARGET = ROOT / "static" / "maps" / "thailand"
MAP_FILE = "thailand.svg"
LICENCE = "LICENSE.md"
SVG_NS = "{http://www.w3.org/2000/svg}"
MIN_PATHS = 77  # one per province


def copy_map(package: Path = PACKAGE, target: Path = TARGET) -> list[Path]:
    if not (package / "package.json").is_file():
        raise SystemExit(f"{package} is missing: run `npm ci` first (or `make map`, which does both).")
    source = package / MAP_FILE
    if not source.is_file():
        raise SystemExit(f"@svg-maps/thailand has no {MAP_FILE}: has the pinned version in package.json changed?")
    # The pinned package from our own lock file, not visitor input; the script must run on
    # the standard library alone (before the virtualenv exists).
    paths = ElementTree.parse(source).getroot().findall(f"{SVG_NS}path")  # noqa: S314  # nosec B314
    if len(paths) < MIN_PATHS or not all(path.get("id") and path.get("d") for path in paths):
        raise SystemExit(f"{source} does not hold a path with an id for each of the {MIN_PATHS} provinces.")

    # Start from an empty folder so nothing from an older version lingers.
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    return [Path(shutil.copyfile(source, target / MAP_FILE)), Path(shutil.copyfile(package / LICENCE, target / LICENCE))]


def main() -> int:
    copied = copy_map()
    print(f"Thailand map: {', '.join(path.name for path in copied)} in {TARGET.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
