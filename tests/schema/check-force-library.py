#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks Concord force library files against data/force-library.schema.json.

    check-force-library.py [--shipped] [--expect-invalid] SCHEMA [FILE|DIR ...]

The schema itself is checked first (Draft 2020-12 meta-schema). Each FILE,
and each *.json in each DIR, is then read as strict JSON (as check-schema.py
reads project files) and validated with Draft202012Validator.

--shipped adds the rules for the files Concord ships in data/forces/, which
JSON Schema cannot state: ids unique across all the files, none starting
"user-" (kept for the user's own forces), a description on every force, and
at least 30 forces in all.

Every problem is printed as "FILE: $.json.path: message". Exit status 1 if a
file is invalid, or with --expect-invalid if a file is valid. A negative
fixture may name the path its error must be at in a top-level
"x-expected-error-path" member.
"""

import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("check_schema", os.path.join(HERE, "check-schema.py"))
check_schema = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_schema)

import jsonschema  # noqa: E402  (check_schema already said if it is missing)
from jsonschema import Draft202012Validator  # noqa: E402

MIN_SHIPPED = 30


def expand(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith(".json"))
            if not found:
                raise SystemExit("%s: no .json files" % p)
            files += found
        else:
            files.append(p)
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipped", action="store_true",
                        help="also apply the rules for the shipped files")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must fail (negative fixtures)")
    parser.add_argument("schema")
    parser.add_argument("files", nargs="*", help="force library files, or folders of them")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f, object_pairs_hook=check_schema._no_duplicates)
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print("%s: %s: not a valid Draft 2020-12 schema: %s"
              % (args.schema, check_schema.json_path(e.absolute_path), e.message))
        return 1
    print("%s: valid Draft 2020-12 schema" % args.schema)

    validator = Draft202012Validator(schema, format_checker=check_schema.format_checker())
    failed = False
    ids = {}
    total = 0
    for path in expand(args.files):
        doc, problems = check_schema.load_strict(path)
        if doc is not None:
            problems += check_schema.schema_errors(validator, doc)
        if args.shipped and isinstance(doc, dict) and isinstance(doc.get("forces"), list):
            for i, force in enumerate(doc["forces"]):
                if not isinstance(force, dict):
                    continue
                total += 1
                ident = force.get("id")
                where = "$.forces[%d]" % i
                if isinstance(ident, str):
                    if ident in ids:
                        problems.append((where + ".id", 'duplicate id "%s" (already used in %s)'
                                         % (ident, ids[ident])))
                    else:
                        ids[ident] = os.path.basename(path)
                    if ident.startswith("user-"):
                        problems.append((where + ".id", 'shipped ids must not start with "user-"'))
                description = force.get("description")
                if not isinstance(description, str) or not description.strip():
                    problems.append((where + ".description", "a shipped force needs a description"))
        failed |= check_schema.report_file(path, doc, problems, args.expect_invalid)
    if args.shipped:
        if total < MIN_SHIPPED:
            print("FAIL: %d shipped forces, fewer than %d" % (total, MIN_SHIPPED))
            failed = True
        else:
            print("%d shipped forces" % total)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
