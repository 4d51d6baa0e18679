#!/usr/bin/env python3
"""Writes a benchmark corpus around the public assistant exports in ../shared/real-exports.

Each export is copied unchanged (its bytes, whatever they hold) into COPIES bundles;
each bundle gets an integration config naming it and a desktop Studio script of
ACTIONS actions, written by scripts/generate-corpus.py's own script and config
writers, with that generator's share of seeded mistakes. Small files expose the
per-file and per-bundle costs that the large synthetic corpus hides.

The same seed always writes the same bytes. The corpus goes where it is told
(a temporary folder): never into the repository.

    scripts/real-export-corpus.py OUT [--copies 4] [--script-actions 20] [--seed 1]
"""
import argparse
import glob
import importlib.util
import json
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_generator():
    """scripts/generate-corpus.py as a module (its name has a hyphen)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", os.path.join(ROOT, "scripts", "generate-corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
        return True
    except (ValueError, OSError):
        return False


def write_bundle(gen, folder, rng, export_path, script_actions, mistake):
    header = "X-ContactID"
    config_number = f"+1 958 555 {rng.randrange(1000, 9999)}"
    script_number = config_number.replace(" ", "")
    script_header = "X-Contact-ID" if mistake == "contact-id-header-mismatch" else header
    if mistake == "phone-number-mismatch":
        script_number = "+19585550000"
    export_name = os.path.basename(export_path)
    config = gen.config_yaml(header, config_number, mistake, "WatsonPhone.xml")
    config = config.replace("assistant: exports/action-skill.json", f"assistant: exports/{export_name}")
    actions = gen.make_script(rng, script_actions, script_header, script_number, mistake)
    gen.write(os.path.join(folder, "phone-integration.yaml"), config)
    gen.write(os.path.join(folder, "studio", "WatsonPhone.xml"), gen.script_xml(actions, "WatsonPhone"))
    os.makedirs(os.path.join(folder, "exports"), exist_ok=True)
    shutil.copyfile(export_path, os.path.join(folder, "exports", export_name))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="folder to write (outside the repository)")
    parser.add_argument("--copies", type=int, default=4, help="bundles per export")
    parser.add_argument("--script-actions", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mistake-share", type=float, default=0.33)
    parser.add_argument("--exports", default=os.path.join(ROOT, "..", "shared", "real-exports", "watson-assistant-toolkit"))
    args = parser.parse_args()

    out = os.path.abspath(args.out)
    if out == ROOT or out.startswith(ROOT + os.sep):
        sys.exit("real-export-corpus.py: write the corpus outside the repository")
    # The folder also holds a contribution template that is not JSON (a `//` comment): not an export.
    exports = [path for path in sorted(glob.glob(os.path.join(args.exports, "*.json"))) if is_json(path)]
    if not exports:
        sys.exit(f"real-export-corpus.py: no exports in {args.exports}")
    gen = load_generator()
    rng = random.Random(args.seed)
    index = 0
    for export in exports:
        for _ in range(args.copies):
            mistake = rng.choice(gen.MISTAKES) if rng.random() < args.mistake_share else None
            # That mistake is seeded in an export the generator writes; these stay as published.
            if mistake == "custom-data-reserved-p1":
                mistake = None
            write_bundle(gen, os.path.join(out, f"bundle-{index:04d}"), rng, export, args.script_actions, mistake)
            index += 1


if __name__ == "__main__":
    main()
