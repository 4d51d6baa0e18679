#!/usr/bin/env python3
"""Time from textDocument/didChange to textDocument/publishDiagnostics in `cxlint lsp`.

Usage (from the package root; build first, release for real figures):

    swift build -c release
    python3 Benchmarks/lsp_latency.py --binary .build/release/cxlint

It drives the server over stdio as an editor does (no third-party packages),
with the debounce off (--debounce-ms 0) so the figure is the lint itself; an
editor with the default 150 ms debounce sees that much more. Cases:

  * large export: a bundle whose assistant export is grown to --megabytes MB by
    repeating the actions of a real export (../shared/real-exports), plus the
    transfer action of Samples/good; edits in the export, and edits in the
    config (which re-lint the whole bundle, big export included);
  * samples: one edit in the Studio script of every bundle under Samples/.
"""

import argparse
import copy
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
REAL_EXPORTS = ROOT.parent / "shared" / "real-exports" / "watson-assistant-toolkit"
DEFAULT_SOURCE = REAL_EXPORTS / "extensions__starter-kits__testitall__testitall.actions.json"


class Server:
    def __init__(self, binary: str):
        self.process = subprocess.Popen([binary, "lsp", "--debounce-ms", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1
        self.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
        self.receive_until(lambda m: m.get("id") == 0)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the server exited")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def receive_until(self, predicate):
        while True:
            message = self.receive()
            if predicate(message):
                return message

    def wait_for_publish(self, uri):
        return self.receive_until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)

    def open(self, path: pathlib.Path) -> str:
        uri = path.as_uri()
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": path.read_text()}}})
        return uri

    def change(self, uri, version, line, character, old_length, text):
        self.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                          "end": {"line": line, "character": character + old_length}}, "text": text}]}})

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 999999, "method": "shutdown"})
        self.receive_until(lambda m: m.get("id") == 999999)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.process.wait(timeout=30)


def grow_export(source: pathlib.Path, megabytes: float) -> str:
    """A real actions skill, its actions repeated (renamed) until the file is big enough."""
    export = json.loads(source.read_text())
    good = json.loads((ROOT / "Samples/good/exports/action-skill.json").read_text())
    transfer = next(a for a in good["workspace"]["actions"] if "connect_to_agent" in json.dumps(a))
    originals = export["workspace"]["actions"] + [transfer]
    actions = list(originals)
    copies = 0
    while len(json.dumps(export, indent=2)) < megabytes * 1_000_000:
        copies += 1
        for action in originals:
            clone = copy.deepcopy(action)
            clone["action"] = f"{action['action']}_copy{copies}"
            actions.append(clone)
        export["workspace"]["actions"] = actions
    return json.dumps(export, indent=2) + "\n"


def cpu_ms(process) -> float:
    """The server's user+system CPU time (Linux /proc), to tell work from waiting on a busy machine."""
    try:
        fields = pathlib.Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def timed_changes(server, uri, edit_line, column, token, wait_uri, rounds):
    """Alternates a token and its edit (so every change really changes the text); milliseconds per round."""
    figures = []
    cpu_before = cpu_ms(server.process)
    version = 1
    for i in range(rounds):
        version += 1
        new = token + "x" if i % 2 == 0 else token
        old_length = len(token) if i % 2 == 0 else len(token) + 1
        start = time.perf_counter()
        server.change(uri, version, edit_line, column, old_length, new)
        server.wait_for_publish(wait_uri)
        figures.append((time.perf_counter() - start) * 1000)
    server.cpu_per_round = (cpu_ms(server.process) - cpu_before) / rounds
    return figures


def summary(name, figures, cpu=None):
    figures = sorted(figures)
    p95 = figures[min(len(figures) - 1, int(round(0.95 * (len(figures) - 1))))]
    cpu_text = f"   server CPU {cpu:6.1f} ms/change" if cpu is not None else ""
    print(f"{name:<52} median {statistics.median(figures):7.1f} ms   p95 {p95:7.1f} ms{cpu_text}   (n={len(figures)})")


def find(text: str, needle: str):
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise ValueError(needle)


def bench_large_export(binary, source, megabytes, rounds):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="cxlint-bench-"))
    try:
        shutil.copytree(ROOT / "Samples/good", folder / "bundle")
        export_path = folder / "bundle/exports/action-skill.json"
        text = grow_export(source, megabytes)
        export_path.write_text(text)
        config_path = folder / "bundle/phone-integration.yaml"
        size = export_path.stat().st_size / 1_000_000
        print(f"large export: {size:.1f} MB, {text.count(chr(10))} lines, grown from {source.name}")

        server = Server(binary)
        start = time.perf_counter()
        export_uri = server.open(export_path)
        server.wait_for_publish(export_uri)
        summary("didOpen large export -> publish", [(time.perf_counter() - start) * 1000])

        line, column = find(text, '"connect_to_agent"')
        summary("didChange in the export -> its publish", timed_changes(
            server, export_uri, line, column + 1, "connect_to_agent", export_uri, rounds), server.cpu_per_round)
        config_uri = server.open(config_path)
        server.wait_for_publish(config_uri)
        line, column = find(config_path.read_text(), "X-ContactID")
        summary("didChange in the config -> the export's publish", timed_changes(
            server, config_uri, line, column, "X-ContactID", export_uri, rounds), server.cpu_per_round)
        server.close()
    finally:
        shutil.rmtree(folder)


def bench_samples(binary, rounds):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="cxlint-bench-samples-"))
    try:
        shutil.copytree(ROOT / "Samples", folder / "Samples")
        # Scripts with the Sipputheader caption to edit (a sample that does not parse may lack it).
        scripts = sorted(p for p in (folder / "Samples").glob("**/studio/WatsonPhone.*") if "Set Contact ID" in p.read_text())
        server = Server(binary)
        figures = []
        cpu = 0.0
        for script in scripts:
            uri = server.open(script)
            server.wait_for_publish(uri)
            text = script.read_text()
            line, column = find(text, "Set Contact ID")
            figures += timed_changes(server, uri, line, column, "Set Contact ID", uri, rounds)
            cpu += server.cpu_per_round * rounds
        summary(f"didChange in a Samples script -> publish ({len(scripts)} bundles)", figures, cpu / len(figures))
        server.close()
    finally:
        shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/cxlint"))
    parser.add_argument("--source", default=str(DEFAULT_SOURCE), help="a real actions-skill export to grow")
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary}: not built (swift build -c release, or pass --binary)")
    bench_large_export(args.binary, pathlib.Path(args.source), args.megabytes, args.rounds)
    bench_samples(args.binary, max(2, args.rounds // 4))


if __name__ == "__main__":
    main()
