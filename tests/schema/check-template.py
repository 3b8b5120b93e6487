#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks Concord canvas template files against data/concord-template.schema.json.

    check-template.py [--shipped] [--expect-invalid] [--same-defs PROJECT_SCHEMA]
                      SCHEMA [FILE|DIR ...]

The schema itself is checked first (Draft 2020-12 meta-schema). Each FILE,
and each *.json in each DIR, is then read as strict JSON (as check-schema.py
reads project files), validated with Draft202012Validator, and checked for
the rules JSON Schema cannot state (template_checks() in check-schema.py,
which also checks the templates kept in project files): panel ids unique,
every panel inside the grid, no two panels covering the same cell, "next"
naming another panel, score_min <= score_max, x_axis and y_axis both or
neither and not the same. See docs/templates.md.

--shipped adds the rule for the files Concord ships in data/templates/:
template ids unique across all the files (Concord keeps the first and skips
the others).

--same-defs PROJECT_SCHEMA checks that the project schema's copy of the
template definitions ($defs wordId, color, templateAxis, template and
templatePanel) is the same as this schema's, so that the two stay in step.

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

SHARED_DEFS = ("wordId", "color", "templateAxis", "template", "templatePanel")


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


def load_schema(path):
    """Returns the schema, or None after printing why it is not one."""
    with open(path, encoding="utf-8") as f:
        schema = json.load(f, object_pairs_hook=check_schema._no_duplicates)
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print("%s: %s: not a valid Draft 2020-12 schema: %s"
              % (path, check_schema.json_path(e.absolute_path), e.message))
        return None
    print("%s: valid Draft 2020-12 schema" % path)
    return schema


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipped", action="store_true",
                        help="also apply the rules for the shipped files")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must fail (negative fixtures)")
    parser.add_argument("--same-defs", metavar="PROJECT_SCHEMA",
                        help="the project schema whose template $defs must equal this schema's")
    parser.add_argument("schema")
    parser.add_argument("files", nargs="*", help="template files, or folders of them")
    args = parser.parse_args()

    schema = load_schema(args.schema)
    if schema is None:
        return 1
    failed = False

    if args.same_defs:
        project = load_schema(args.same_defs)
        if project is None:
            return 1
        for name in SHARED_DEFS:
            mine = schema.get("$defs", {}).get(name)
            theirs = project.get("$defs", {}).get(name)
            if mine is None or mine != theirs:
                print("%s: $.$defs.%s: not the same as in %s (keep the two schemas in step)"
                      % (args.same_defs, name, args.schema))
                failed = True
        if not failed:
            print("%s: template $defs the same as in %s" % (args.same_defs, args.schema))

    validator = Draft202012Validator(schema, format_checker=check_schema.format_checker())
    ids = {}
    for path in expand(args.files):
        doc, problems = check_schema.load_strict(path)
        if doc is not None:
            problems += check_schema.schema_errors(validator, doc)
            problems += check_schema.template_checks(doc, [])
        if args.shipped and isinstance(doc, dict) and isinstance(doc.get("id"), str):
            ident = doc["id"]
            if ident in ids:
                problems.append(("$.id", 'duplicate template id "%s" (already used in %s)'
                                 % (ident, ids[ident])))
            else:
                ids[ident] = os.path.basename(path)
        failed |= check_schema.report_file(path, doc, problems, args.expect_invalid)
    if args.shipped:
        print("%d shipped template%s" % (len(ids), "" if len(ids) == 1 else "s"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
