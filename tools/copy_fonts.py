"""Copy the self-hosted web font into static/fonts/ (run by `make fonts`; standard library only).

`npm ci` installs npm's @fontsource/sarabun (Sarabun, SIL Open Font License 1.1) at the
version pinned in package-lock.json. This takes from it only what static/css/fonts.css
uses — the Thai and Latin subsets of weights 400 and 700 as woff2 — together with the
licence text, which the OFL asks to travel with the font files. static/fonts/ is
git-ignored: it is rebuilt from the registry package, never committed.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@fontsource" / "sarabun"
TARGET = ROOT / "static" / "fonts" / "sarabun"

SUBSETS = ("thai", "latin")
WEIGHTS = (400, 700)
FONT_FILES = tuple(f"sarabun-{subset}-{weight}-normal.woff2" for subset in SUBSETS for weight in WEIGHTS)
LICENCE = "OFL.txt"
WOFF2_MAGIC = b"wOF2"


def copy_fonts(package: Path = PACKAGE, target: Path = TARGET) -> list[Path]:
    if not (package / "package.json").is_file():
        raise SystemExit(f"{package.relative_to(ROOT)} is missing: run `npm ci` first (or `make fonts`, which does both).")
    sources = [package / "files" / name for name in FONT_FILES]
    missing = [source.name for source in sources if not source.is_file()]
    if missing:
        raise SystemExit(f"@fontsource/sarabun has no {', '.join(missing)}: has the pinned version in package.json changed?")
    for source in sources:
        with source.open("rb") as font:
            if font.read(4) != WOFF2_MAGIC:
                raise SystemExit(f"{source} is not a woff2 file.")

    # Start from an empty folder so a file dropped from FONT_FILES does not linger.
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copied = [Path(shutil.copyfile(source, target / source.name)) for source in sources]
    copied.append(Path(shutil.copyfile(package / "LICENSE", target / LICENCE)))
    return copied


def main() -> int:
    copied = copy_fonts()
    size = sum(path.stat().st_size for path in copied)
    print(f"Sarabun: {len(copied) - 1} woff2 files and {LICENCE} ({size / 1024:.0f} KiB) in {TARGET.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
