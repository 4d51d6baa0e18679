"""A bundle edited in an editor: diagnostics across files, quick fixes, hover."""

import pathlib

from lsprotocol import types

from conftest import apply_edits, codes, diagnostics_where, open_file, uri

MISMATCH = "contact-id-header-mismatch"


async def test_diagnostics_carry_rule_docs_and_the_config_line(client, bundle):
    root = bundle("web-studio-header-mismatch")
    # Rule links point where the team hosts the rule reference, and nowhere without it.
    (root / ".cxlint.yml").write_text("docs_url: https://docs.example.com/cxlint/rules.html\n")
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    found = await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    mismatch = next(d for d in found if d.code == MISMATCH)
    assert mismatch.severity == types.DiagnosticSeverity.Error
    assert mismatch.source == "cxlint"
    # Samples/broken/README.md: studio/WatsonPhone.json:148:18 (1-based) is LSP 147:17.
    assert (mismatch.range.start.line, mismatch.range.start.character) == (147, 17)
    assert mismatch.code_description.href == "https://docs.example.com/cxlint/rules.html#contact-id-header-mismatch"
    related = mismatch.related_information[0]
    assert related.location.uri == uri(root / "phone-integration.yaml")
    assert (related.location.range.start.line, related.location.range.start.character) == (6, 23)
    # Every file of the bundle is published, not only the one opened.
    await diagnostics_where(client, uri(root / "phone-integration.yaml"), lambda ds: len(ds) == 0)


async def test_rule_links_need_a_docs_url(client, bundle):
    root = bundle("web-studio-header-mismatch")
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    found = await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    assert all(d.code_description is None for d in found)


async def test_editing_the_config_relints_the_script_from_the_unsaved_buffer(client, bundle):
    root = bundle("web-studio-header-mismatch")
    config_path = root / "phone-integration.yaml"
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    config = open_file(client, config_path)
    await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))

    # An incremental change: X-ContactID (line 7, 1-based) becomes the script's X-Contact-ID.
    line = config_path.read_text().splitlines()[6]
    column = line.index("X-ContactID")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=config, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=6, character=column),
                        end=types.Position(line=6, character=column + len("X-ContactID")),
                    ),
                    text="X-Contact-ID",
                )
            ],
        )
    )
    after = await diagnostics_where(client, script, lambda ds: MISMATCH not in codes(ds))
    assert "sipputheader-before-placecall" not in codes(after)
    assert "X-ContactID" in config_path.read_text(), "the disk is untouched: the buffer won"

    # Closing the buffer unsaved: the disk wins again.
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config)))
    await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))


async def test_quick_fix_renames_the_header_and_the_finding_goes(client, bundle):
    root = bundle("web-studio-header-mismatch")
    path = root / "studio" / "WatsonPhone.json"
    script = open_file(client, path)
    found = await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    mismatch = next(d for d in found if d.code == MISMATCH)

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=script),
            range=mismatch.range,
            context=types.CodeActionContext(diagnostics=[mismatch], only=[types.CodeActionKind.QuickFix]),
        )
    )
    titles = [a.title for a in actions]
    assert "Rename the header to X-ContactID" in titles
    assert "Rename the config's contact_id_header to X-Contact-ID" in titles
    preferred = next(a for a in actions if a.is_preferred)
    assert preferred.title == "Rename the header to X-ContactID"
    edits = preferred.edit.changes[script]

    fixed = apply_edits(path.read_text(), edits)
    assert fixed.replace("X-ContactID", "X-Contact-ID") == path.read_text(), "only the header name changed"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=script, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await diagnostics_where(client, script, lambda ds: MISMATCH not in codes(ds))


async def test_second_action_renames_the_config_instead(client, bundle):
    root = bundle("web-studio-header-mismatch")
    config_path = root / "phone-integration.yaml"
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    config = open_file(client, config_path)
    found = await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    mismatch = next(d for d in found if d.code == MISMATCH)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=script),
            range=mismatch.range,
            context=types.CodeActionContext(diagnostics=[mismatch]),
        )
    )
    second = next(a for a in actions if not a.is_preferred)
    assert list(second.edit.changes) == [config]
    fixed = apply_edits(config_path.read_text(), second.edit.changes[config])
    assert "contact_id_header: X-Contact-ID\n" in fixed
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=config, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await diagnostics_where(client, script, lambda ds: MISMATCH not in codes(ds))


async def test_hover_explains_the_rule(client, bundle):
    root = bundle("web-studio-header-mismatch")
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=script), position=types.Position(line=147, character=20))
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "**contact-id-header-mismatch**" in hover.contents.value
    assert "reads the CXone Contact ID from the SIP header" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=script), position=types.Position(line=0, character=0))
    )
    assert nothing is None


async def test_reserved_p1_fix_renames_to_a_free_key(client, bundle):
    root = bundle("custom-data-reserved-p1")
    path = root / "exports" / "dialog-skill.json"
    export = open_file(client, path)
    found = await diagnostics_where(client, export, lambda ds: "custom-data-reserved-p1" in codes(ds))
    finding = next(d for d in found if d.code == "custom-data-reserved-p1")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=export),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )
    fixed = apply_edits(path.read_text(), actions[0].edit.changes[export])
    assert '"p3": "billing"' in fixed
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=export, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await diagnostics_where(client, export, lambda ds: "custom-data-reserved-p1" not in codes(ds))


async def test_plaintext_secret_is_never_echoed(client, bundle):
    root = bundle("plaintext-secret")
    path = root / "phone-integration.json"
    secret = "Zx9qEXAMPLEnotArealSECRETk2Lm7Pw4Rt8Yv3Bn6"
    assert secret in path.read_text()
    config = open_file(client, path)
    found = await diagnostics_where(client, config, lambda ds: "plaintext-secret" in codes(ds))
    finding = next(d for d in found if d.code == "plaintext-secret")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=config),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=config), position=finding.range.start)
    )
    everything = repr(found) + repr(actions) + repr(hover)
    assert secret not in everything
    assert actions[0].edit.changes[config][0].new_text == '"${CXONE_ACCESS_KEY_SECRET}"'


async def test_a_path_finding_lists_its_steps_as_related_information(client, bundle):
    root = bundle("sipputheader-one-branch")
    path = root / "studio" / "WatsonPhone.xml"
    script = open_file(client, path)
    found = await diagnostics_where(client, script, lambda ds: "sipputheader-before-placecall" in codes(ds))
    finding = next(d for d in found if d.code == "sipputheader-before-placecall")
    # The rule's own related location (the call) first, then one entry per step of the path.
    steps = [r for r in finding.related_information if r.message.startswith("step ")]
    assert [r.message for r in steps] == [
        "step 1 of 4: BEGIN",
        'step 2 of 4: ASSIGN "Not transferred yet"',
        'step 3 of 4: IF "Support line?" takes False',
        'step 4 of 4: PLACECALL "Call watsonx Assistant"',
    ]
    lines = path.read_text().splitlines()
    for step, action in zip(steps, ["BEGIN", "ASSIGN", "IF", "PLACECALL"]):
        assert step.location.uri == script
        start = step.location.range.start
        assert lines[start.line][start.character:].startswith(action + "<"), (step.message, lines[start.line])


async def test_a_file_that_does_not_parse_gets_its_syntax_diagnostic(client, bundle):
    root = bundle("syntax-errors")
    export = open_file(client, root / "exports" / "action-skill.json")
    found = await diagnostics_where(client, export, lambda ds: "syntax-error" in codes(ds))
    error = next(d for d in found if d.code == "syntax-error")
    assert (error.range.start.line, error.range.start.character) == (8, 2)


async def test_watched_file_changes_relint_the_bundle(client, bundle):
    root = bundle("web-studio-header-mismatch")
    script = open_file(client, root / "studio" / "WatsonPhone.json")
    await diagnostics_where(client, script, lambda ds: MISMATCH in codes(ds))
    config = root / "phone-integration.yaml"
    config.write_text(config.read_text().replace("X-ContactID", "X-Contact-ID"))
    assert [r.method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)])
    )
    await diagnostics_where(client, script, lambda ds: MISMATCH not in codes(ds))


async def test_utf8_positions_when_the_client_offers_them(neovim, bundle):
    assert neovim.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    root = bundle("web-studio-header-mismatch")
    path = root / "studio" / "WatsonPhone.json"
    # A non-ASCII caption before the header on the same line moves UTF-8 and UTF-16 columns apart.
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    lines[147] = lines[147].replace('"value"', '"note": "Zürich ☎", "value"', 1)
    path.write_text("".join(lines))
    script = open_file(neovim, path)
    found = await diagnostics_where(neovim, script, lambda ds: MISMATCH in codes(ds))
    mismatch = next(d for d in found if d.code == MISMATCH)
    byte_column = lines[147].encode("utf-8").index(b'"X-Contact-ID"')
    assert mismatch.range.start.character == byte_column
