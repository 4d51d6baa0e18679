"""One answer in every mode: `check --format json`, `audit --report json` and the
language server (every file of every bundle opened, `.cxlint.yml` included) report
the same (rule, file, line, column) on the same files, with and without a
`.cxlint.yml` that turns a rule off, re-rates another and holds a `suppress:`
entry that matches nothing."""

import asyncio
import json
import pathlib
import shutil
import subprocess

import pytest
from lsprotocol import types

from conftest import BINARY, ROOT, SAMPLES, open_file

FIXTURES = ROOT / "Tests" / "Fixtures"
SETTINGS = """\
rules:
  api-url: off
  plaintext-secret: note
suppress:
  - file: "**/*.json"
    pointer: /no/such/node
    rule: custom-data-reserved-p1
    reason: matches nothing, so every mode reports it unused
"""
# Rules an editor leaves out on purpose (a JSON file that is none of cxlint's formats is
# just some other JSON file there), each named in BundleLinter.silencedInEditor.
EDITOR_SILENCED = {"unknown-document"}


def tree(tmp_path: pathlib.Path, with_settings: bool) -> pathlib.Path:
    root = tmp_path / "tree"
    shutil.copytree(SAMPLES, root / "Samples")
    for name in ("split-line", "tenant-backup"):
        shutil.copytree(FIXTURES / name, root / "Fixtures" / name)
    if with_settings:
        (root / ".cxlint.yml").write_text(SETTINGS)
    # A repository root: the `.cxlint.yml` search stops here, as it would in a user's clone.
    (root / ".git").mkdir()
    return root


def cli_findings(root: pathlib.Path, out: pathlib.Path) -> tuple[set, set]:
    check = subprocess.run([BINARY, "check", "--format", "json", "."], cwd=root, capture_output=True, text=True)
    assert check.returncode in (0, 1), check.stderr
    checked = {(f["rule"], f["file"], f["line"], f["column"]) for f in json.loads(check.stdout)["findings"]}
    report = out / "audit.json"
    audit = subprocess.run([BINARY, "audit", ".", "--report", str(report), "--quiet"], cwd=root, capture_output=True, text=True)
    assert audit.returncode in (0, 1), audit.stderr
    audited = {
        (f["rule"], f["file"], f["line"], f["column"])
        for bundle in json.loads(report.read_text())["bundles"]
        for f in bundle["findings"]
    }
    return checked, audited


async def settle(client, quiet: float = 5.0, limit: float = 120.0):
    """Waits until no diagnostics have been published for `quiet` seconds (a debug
    build's rounds on a loaded 2-core CI machine come more than a second apart)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        try:
            await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), quiet)
        except asyncio.TimeoutError:
            return
    raise AssertionError("the server kept publishing")


async def editor_findings(client, root: pathlib.Path) -> set:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json", ".xml") and ".git" not in p.parts)
    for path in files:
        open_file(client, path)
    await settle(client)
    found = set()
    for file_uri, diagnostics in client.diagnostics.items():
        path = pathlib.Path(file_uri.removeprefix("file://")).relative_to(root)
        for d in diagnostics:
            found.add((d.code, str(path), d.range.start.line + 1, d.range.start.character + 1))
    return found


@pytest.mark.parametrize("with_settings", [False, True], ids=["defaults", "settings"])
async def test_check_audit_and_editor_give_one_answer(client, tmp_path, with_settings):
    root = tree(tmp_path, with_settings)
    out = tmp_path / "out"
    out.mkdir()
    checked, audited = cli_findings(root, out)
    assert checked == audited, f"check only: {sorted(checked - audited)}\naudit only: {sorted(audited - checked)}"
    edited = await editor_findings(client, root)
    expected = {f for f in checked if f[0] not in EDITOR_SILENCED}
    assert edited == expected, f"check only: {sorted(expected - edited)}\neditor only: {sorted(edited - expected)}"
    rules = {f[0] for f in checked}
    severities = {f["rule"]: f["severity"] for f in json.loads(subprocess.run(
        [BINARY, "check", "--format", "json", "."], cwd=root, capture_output=True, text=True).stdout)["findings"]}
    unused = [f for f in checked if f[0] == "unused-suppression" and f[1] == ".cxlint.yml"]
    if with_settings:
        assert "api-url" not in rules, "turned off"
        assert severities["plaintext-secret"] == "note", "re-rated"
        assert unused, "the suppress: entry that matches nothing is reported in .cxlint.yml"
    else:
        assert "api-url" in rules and severities["plaintext-secret"] == "error"
        assert not unused
