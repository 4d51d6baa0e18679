"""End-to-end tests of `cxlint lsp`, driven the way editors drive it.

`swift test` runs these (Tests/CXLintCLITests/LSPEndToEndTests.swift) with
CXLINT_BINARY set to the binary it built; by hand:

    CXLINT_BINARY=.build/debug/cxlint python3 -m pytest Tests/lsp -q
"""

import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("CXLINT_BINARY", str(ROOT / ".build" / "debug" / "cxlint"))
SAMPLES = ROOT / "Samples"
# No debounce: tests wait for each publish, so they need not wait out a quiet period.
SERVER = [BINARY, "lsp", "--debounce-ms", "0"]


@pytest.fixture
def bundle(tmp_path):
    """A writable copy of a broken sample bundle."""

    def copy(name: str) -> pathlib.Path:
        target = tmp_path / name
        shutil.copytree(SAMPLES / "broken" / name, target)
        return target

    return copy


def accept_registrations(lsp_client: LanguageClient):
    """Answers client/registerCapability as an editor does, keeping what was asked for."""
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def neovim(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("neovim"))
    )
    yield
    await lsp_client.shutdown_session()


def uri(path: pathlib.Path) -> str:
    return path.as_uri()


def open_file(client: LanguageClient, path: pathlib.Path, version: int = 1) -> str:
    language = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xml": "xml"}[path.suffix]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path), language_id=language, version=version, text=path.read_text()
            )
        )
    )
    return uri(path)


async def diagnostics_where(client: LanguageClient, file_uri: str, predicate, timeout: float = 20.0):
    """Waits until the diagnostics published for a file satisfy `predicate`; returns them."""

    async def wait():
        while True:
            current = client.diagnostics.get(file_uri)
            if current is not None and predicate(current):
                return current
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    try:
        return await asyncio.wait_for(wait(), timeout)
    except asyncio.TimeoutError:
        codes = [d.code for d in client.diagnostics.get(file_uri, [])]
        raise AssertionError(f"diagnostics for {file_uri} never matched; last published: {codes}")


def codes(diagnostics) -> list:
    return [d.code for d in diagnostics]


def apply_edits(text: str, edits) -> str:
    """Applies LSP text edits (UTF-16 positions) the way an editor does: last first."""
    lines = text.splitlines(keepends=True)

    def offset(position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.splitlines(keepends=True)
    return text
