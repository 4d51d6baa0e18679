"""No output of any mode shows a secret: a literal in the config, a token in a
Popurl URL, in a Snippet string, in an assistant export's text, and in a loose
script without config; every `check --format`, every audit format, and the
language server's diagnostics, hovers and code actions."""

import json
import pathlib
import shutil
import subprocess

from lsprotocol import types

from conftest import BINARY, SAMPLES, open_file
from test_one_answer import settle

SECRETS = {
    "config": "Cf7QxLm2Vb9TzR4wKp8YdN3sHj6G",
    "popurl": "Pu5XkD9mQ2wL7vB3nR8tZc4Hy6Js",
    "snippet": "Sn3BvW8qK5xM2tY9rL4dP7cZh6Fg",
    "export": "Ex9RtM4kV2bQ7wN5zL8xC3hJd6Pp",
    "loose": "Lo4ZpT8mX3vK9qR2wB7nY5cHd6Gs",
}
FORMATS = ["text", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown"]


def plant(root: pathlib.Path) -> pathlib.Path:
    line = root / "line"
    shutil.copytree(SAMPLES / "good", line)
    config = line / "phone-integration.yaml"
    config.write_text(config.read_text().replace("${CXONE_ACCESS_KEY_SECRET}", SECRETS["config"]))
    script = line / "studio" / "WatsonPhone.xml"
    text = script.read_text()
    url = "https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html?session_history_key={sessionKey}"
    # http, so transcript-url-malformed quotes the URL in its message.
    text = text.replace(url, url.replace("https://", "http://") + "&amp;token=" + SECRETS["popurl"])
    text = text.replace("ASSIGN channel = &quot;{p3}&quot;", f"ASSIGN channel = &quot;{{p3}}&quot;&#xD;&#xA;ASSIGN apiToken = &quot;{SECRETS['snippet']}&quot;")
    script.write_text(text)
    export = line / "exports" / "action-skill.json"
    data = json.loads(export.read_text())
    data.setdefault("description", "")
    data["description"] = "service token " + SECRETS["export"]
    export.write_text(json.dumps(data, indent=2))
    loose = root / "loose"
    loose.mkdir()
    shutil.copy(SAMPLES / "good" / "studio" / "WatsonPhone.xml", loose / "Loose.xml")
    loose_text = (loose / "Loose.xml").read_text().replace(url, url.replace("https://", "http://") + "&amp;key=" + SECRETS["loose"])
    (loose / "Loose.xml").write_text(loose_text)
    (root / ".git").mkdir()
    return root


def assert_clean(text: str, where: str):
    for name, secret in SECRETS.items():
        assert secret not in text, f"{where} prints the {name} secret"
        assert secret[:10] not in text, f"{where} prints part of the {name} secret"


def test_every_check_format_and_audit_format(tmp_path):
    root = plant(tmp_path / "tree")
    seen_masked = False
    for fmt in FORMATS:
        run = subprocess.run([BINARY, "check", "--format", fmt, "--color", "always", "."], cwd=root, capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
        assert_clean(run.stdout + run.stderr, f"check --format {fmt}")
        seen_masked = seen_masked or "****" in run.stdout
    assert seen_masked, "the planted lines are shown, masked"
    out = tmp_path / "out"
    audit = subprocess.run(
        [BINARY, "audit", ".", "--report", str(out / "a.html"), "--report", str(out / "a.md"), "--report", str(out / "a.json"), "--report", str(out / "a.csv")],
        cwd=root, capture_output=True, text=True)
    assert audit.returncode == 1, audit.stderr
    assert_clean(audit.stderr, "audit's stderr")
    for ext in ("html", "md", "json", "csv"):
        assert_clean((out / f"a.{ext}").read_text(), f"audit {ext}")
    baseline = subprocess.run([BINARY, "check", "--write-baseline", str(out / "b.json"), "."], cwd=root, capture_output=True, text=True)
    assert_clean(baseline.stderr + (out / "b.json").read_text(), "the baseline")


async def test_language_server_traffic(client, tmp_path):
    root = plant(tmp_path / "tree")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".json", ".xml"))
    for path in files:
        open_file(client, path)
    await settle(client)
    traffic = []
    for file_uri, diagnostics in client.diagnostics.items():
        traffic.append(json.dumps([str(d) for d in diagnostics]))
        for d in diagnostics:
            position = d.range.start
            hover = await client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=file_uri), position=position))
            traffic.append(str(hover))
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=file_uri), range=d.range,
                context=types.CodeActionContext(diagnostics=[d])))
            traffic.append(str(actions))
    text = "\n".join(traffic)
    assert "transcript-url-malformed" in text and "plaintext-secret" in text, "the findings that quote planted values are there"
    assert_clean(text, "the language server")
