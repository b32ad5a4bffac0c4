"""tools/copy_map.py copies the province map from the npm package, or says what is wrong."""

import pytest

from tools.copy_map import LICENCE, MAP_FILE, MIN_PATHS, copy_map

SVG = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'


def package(tmp_path, paths: int = MIN_PATHS, with_ids: bool = True):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "package.json").write_text("{}")
    shapes = "".join(f'<path id="{f"th-{n}" if with_ids else ""}" d="M0 0L{n} {n}"/>' for n in range(paths))
    (folder / MAP_FILE).write_text(SVG.format(shapes))
    (folder / LICENCE).write_text("CC BY 4.0")
    return folder


def test_the_map_and_its_licence_are_copied_into_an_emptied_folder(tmp_path):
    source, target = package(tmp_path), tmp_path / "static" / "maps" / "thailand"
    target.mkdir(parents=True)
    (target / "old-version.svg").write_text("stale")

    copied = copy_map(source, target)

    assert sorted(path.name for path in copied) == sorted([MAP_FILE, LICENCE])
    assert sorted(path.name for path in target.iterdir()) == sorted([MAP_FILE, LICENCE])
    assert (target / MAP_FILE).read_bytes() == (source / MAP_FILE).read_bytes()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing", "npm ci"),
        (lambda tmp: package(tmp, paths=MIN_PATHS - 1), "77 provinces"),
        (lambda tmp: package(tmp, with_ids=False), "77 provinces"),
    ],
)
def test_a_missing_or_wrong_package_stops_with_a_reason(tmp_path, make, message):
    target = tmp_path / "target"
    with pytest.raises(SystemExit, match=message):
        copy_map(make(tmp_path), target)
    assert not target.exists()  # nothing half-copied
