#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks Concord project files against data/concord-project.schema.json.

    check-schema.py [--expect-invalid] [--schema-only] SCHEMA [FILE|DIR ...]

The schema itself is always checked first (Draft 2020-12 meta-schema). Each
FILE, and each *.concord and *.json in each DIR, is then read as strict JSON
(RFC 8259 as Concord reads it: UTF-8, no duplicate member names, no NaN or
Infinity, no \\u0000, nesting at most 128 deep) and validated with
Draft202012Validator, date-time formats asserted. Unless --schema-only, the
rules JSON Schema cannot state are checked too: ids unique in the file and at
most 128 bytes, strings of known members at most 65536 bytes, references that
resolve (to the same sheet where the format says so), no link from a node to
itself, and for the canvas templates a project keeps in "templates": ids unique
in that list, and each template's own rules (template_checks(), shared with
check-template.py; see docs/templates.md).

Every problem is printed as "FILE: $.json.path: message". Exit status 1 if a
file is invalid, or with --expect-invalid if a file is valid. A file checked
with --expect-invalid may carry a top-level "x-expected-error-path" member:
then it must fail with an error at exactly that path (so that a negative
fixture cannot pass for the wrong reason).
"""

import argparse
import calendar
import json
import os
import re
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError as e:
    sys.exit("check-schema.py needs python3-jsonschema (4.0 or newer): %s" % e)

MAX_DEPTH = 128
MAX_FILE_SIZE = 256 * 1024 * 1024
MAX_STRING_BYTES = 64 * 1024
MAX_ID_BYTES = 128
BUILTIN_LINK_TYPES = {"informal", "strategic", "statutory", "delivery"}

# RFC 3339 section 5.6 date-time. Concord reads it with GLib, which has no
# leap seconds, so seconds stop at 59.
RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
                     r"([Zz]|[+-](\d{2}):(\d{2}))$")


def is_rfc3339_datetime(text):
    if not isinstance(text, str):
        return True  # formats apply to strings only
    m = RFC3339.match(text)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    if hour > 23 or minute > 59 or second > 59:
        return False
    if m.group(9) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


def format_checker():
    checker = FormatChecker()
    # jsonschema's own date-time check needs rfc3339-validator, which Debian 12
    # does not install; ours is used everywhere so results do not depend on it.
    checker.checkers["date-time"] = (is_rfc3339_datetime, ())
    return checker


def json_path(parts):
    text = "$"
    for p in parts:
        text += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return text


class StrictJSONError(Exception):
    pass


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise StrictJSONError('duplicate member "%s"' % key)
        obj[key] = value
    return obj


def _no_constant(name):
    raise StrictJSONError("%s is not JSON" % name)


def load_strict(path):
    """Returns (document, problems); document is None when unreadable."""
    size = os.path.getsize(path)
    if size > MAX_FILE_SIZE:
        return None, [("$", "file of %d bytes is larger than 256 MiB" % size)]
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [("$", "starts with a byte order mark (write UTF-8 without one)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, [("$", "not UTF-8: %s" % e)]
    # Nesting depth, counted outside strings, before parsing.
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return None, [("$", "nested more than %d levels deep" % MAX_DEPTH)]
        elif ch in "]}":
            depth -= 1
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (json.JSONDecodeError, StrictJSONError) as e:
        return None, [("$", "not strict JSON: %s" % e)]
    problems = []

    def scan(value, parts):
        if isinstance(value, str):
            if "\x00" in value:
                problems.append((json_path(parts), "contains \\u0000"))
        elif isinstance(value, dict):
            for k, v in value.items():
                if "\x00" in k:
                    problems.append((json_path(parts), "member name contains \\u0000"))
                scan(v, parts + [k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                scan(v, parts + [i])

    scan(doc, [])
    return doc, problems


# Known members per kind that the file checks look at: text members (byte
# limit), references (kind referred to, same sheet?), and child arrays.
TEXT = {
    "project": ["title"],
    "meta": ["author", "created", "modified", "description"],
    "actor": ["name", "sector", "kind", "notes"],
    "link_type": ["label", "color", "dash"],
    "map": ["title"], "forcefield": ["title", "change", "current", "desired", "orientation"],
    "canvas": ["title", "template"],
    "node": [], "link": ["label", "stage", "notes"], "group": ["title", "color"],
    "force": ["side", "label", "notes", "action"], "card": ["panel", "text", "color"],
    "card_link": ["label"],
}
CHILDREN = {
    "map": [("nodes", "node"), ("links", "link"), ("groups", "group")],
    "forcefield": [("forces", "force")],
    "canvas": [("cards", "card"), ("links", "card_link")],
}
SHEET_KINDS = {"map": "map", "forcefield": "forcefield", "canvas": "canvas"}


def _whole(value):
    """value as an int if it is a JSON whole number (1 or 1.0), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value)


TEMPLATE_AXES = ("interest", "power", "influence")
TEMPLATE_GRID_MAX = 12
TEMPLATE_TEXT = {"template": ["id", "title", "description", "x_axis", "y_axis"],
                 "panel": ["id", "title", "prompt", "score", "color", "card_color", "next"]}


def template_checks(tmpl, parts):
    """The rules of a canvas template that JSON Schema cannot state
    (docs/templates.md): panel ids unique, panels inside the grid and not
    covering the same cell, "next" naming another panel, score_min <=
    score_max, x_axis and y_axis both or neither and not the same. tmpl is
    a template object (a template file, or one element of a project's
    "templates"), parts the path to it. Members of the wrong type are left
    to the schema. Returns [(path, message)]."""
    problems = []
    if not isinstance(tmpl, dict):
        return problems

    def at(*more):
        return json_path(list(parts) + list(more))

    score_min = _whole(tmpl.get("score_min", 1))
    score_max = _whole(tmpl.get("score_max", 5))
    if score_min is not None and score_max is not None and score_min > score_max:
        problems.append((at("score_max"), "%d is less than score_min (%d)" % (score_max, score_min)))

    if ("x_axis" in tmpl) != ("y_axis" in tmpl):
        have, missing = ("x_axis", "y_axis") if "x_axis" in tmpl else ("y_axis", "x_axis")
        problems.append((at(have), "%s without %s: a grid needs both axes" % (have, missing)))
    elif tmpl.get("x_axis") in TEMPLATE_AXES and tmpl.get("x_axis") == tmpl.get("y_axis"):
        problems.append((at("y_axis"), '"%s" is the x_axis too: the two axes must differ'
                         % tmpl["y_axis"]))

    panels = tmpl.get("panels")
    if not isinstance(panels, list):
        return problems
    columns = _whole(tmpl.get("columns"))
    rows = _whole(tmpl.get("rows"))
    grid_ok = (columns is not None and rows is not None
               and 1 <= columns <= TEMPLATE_GRID_MAX and 1 <= rows <= TEMPLATE_GRID_MAX)

    first = {}   # panel id -> index of the first panel with it
    for i, panel in enumerate(panels):
        if isinstance(panel, dict) and isinstance(panel.get("id"), str):
            ident = panel["id"]
            if ident in first:
                problems.append((at("panels", i, "id"), 'duplicate panel id "%s" (already used at %s)'
                                 % (ident, at("panels", first[ident]))))
            else:
                first[ident] = i

    cells = {}   # (col, row) -> index of the panel that covers it
    for i, panel in enumerate(panels):
        if not isinstance(panel, dict):
            continue
        following = panel.get("next")
        if isinstance(following, str):
            if following == panel.get("id"):
                problems.append((at("panels", i, "next"), 'a panel cannot lead to itself ("%s")' % following))
            elif following not in first:
                problems.append((at("panels", i, "next"), 'no panel "%s" in this template' % following))
        if not grid_ok:
            continue
        place = {}
        for name, span_name, size, what in (("col", "col_span", columns, "column"),
                                            ("row", "row_span", rows, "row")):
            start = _whole(panel.get(name))
            span = _whole(panel.get(span_name, 1))
            if start is None or span is None or span < 1:
                continue   # missing or of the wrong type: the schema says so
            if not 0 <= start < size:
                problems.append((at("panels", i, name), "%d is out of range (0 to %d)" % (start, size - 1)))
            elif start + span > size:
                problems.append((at("panels", i, span_name),
                                 "%d %ss from %s %d go past the grid's %d %s%s"
                                 % (span, what, what, start, size, what, "" if size == 1 else "s")))
            else:
                place[name] = (start, span)
        if len(place) < 2:
            continue
        (col, col_span), (row, row_span) = place["col"], place["row"]
        clash = None
        for r in range(row, row + row_span):
            for c in range(col, col + col_span):
                if (c, r) in cells:
                    if clash is None:
                        clash = (c, r, cells[(c, r)])
                else:
                    cells[(c, r)] = i
        if clash is not None:
            c, r, j = clash
            other = panels[j].get("id")
            name = '"%s" (%s)' % (other, at("panels", j)) if isinstance(other, str) else at("panels", j)
            problems.append((at("panels", i), "covers column %d, row %d, which panel %s covers already"
                             % (c, r, name)))
    return problems


def file_checks(doc):
    """Checks beyond JSON Schema. Returns [(path, message)]."""
    problems = []
    ids = {}       # id -> (kind, sheet index or None, path)
    pending = []   # (path, id, wanted kind, sheet index or None for any, optional)
    pairs = []     # (path, from, to) of links and card links

    if not isinstance(doc, dict):
        return problems

    def text_ok(obj, kind, parts):
        for name in TEXT[kind] + ["tags"]:
            value = obj.get(name)
            values = value if name == "tags" and kind == "actor" and isinstance(value, list) else [value]
            for i, v in enumerate(values):
                if isinstance(v, str) and len(v.encode("utf-8")) > MAX_STRING_BYTES:
                    p = parts + [name] + ([i] if values is value else [])
                    problems.append((json_path(p), "text of %d bytes is longer than %d"
                                     % (len(v.encode("utf-8")), MAX_STRING_BYTES)))

    def item(obj, kind, parts, sheet):
        if not isinstance(obj, dict):
            return
        text_ok(obj, kind, parts)
        if kind in ("project", "meta"):
            return
        ident = obj.get("id")
        if isinstance(ident, str) and ident:
            path = json_path(parts + ["id"])
            if len(ident.encode("utf-8")) > MAX_ID_BYTES:
                problems.append((path, "id of %d bytes is longer than %d"
                                 % (len(ident.encode("utf-8")), MAX_ID_BYTES)))
            if ident in ids:
                problems.append((path, 'duplicate id "%s" (already used at %s)' % (ident, ids[ident][2])))
            else:
                ids[ident] = (kind, sheet, json_path(parts))

        def ref(name, wanted, same_sheet, optional=False):
            value = obj.get(name)
            if isinstance(value, str) and (value or not optional):
                pending.append((json_path(parts + [name]), value, wanted, sheet if same_sheet else None))

        if kind == "node":
            ref("actor", "actor", False)
        elif kind == "link":
            ref("from", "node", True)
            ref("to", "node", True)
            ref("type", "link_type", False)
            pairs.append((json_path(parts + ["to"]), obj.get("from"), obj.get("to")))
        elif kind == "group":
            members = obj.get("members")
            if isinstance(members, list):
                for i, m in enumerate(members):
                    if isinstance(m, str):
                        pending.append((json_path(parts + ["members", i]), m, "node", sheet))
        elif kind == "card":
            ref("actor", "actor", False, optional=True)
        elif kind == "card_link":
            ref("from", "card", True)
            ref("to", "card", True)
            pairs.append((json_path(parts + ["to"]), obj.get("from"), obj.get("to")))
        for slot, child_kind in CHILDREN.get(kind, []):
            children = obj.get(slot)
            if isinstance(children, list):
                for i, child in enumerate(children):
                    item(child, child_kind, parts + [slot, i], sheet)

    item(doc, "project", [], None)
    item(doc.get("meta"), "meta", ["meta"], None)
    for slot, kind in (("actors", "actor"), ("link_types", "link_type")):
        if isinstance(doc.get(slot), list):
            for i, obj in enumerate(doc[slot]):
                item(obj, kind, [slot, i], None)
    if isinstance(doc.get("sheets"), list):
        for i, sheet in enumerate(doc["sheets"]):
            if isinstance(sheet, dict) and sheet.get("type") in SHEET_KINDS:
                item(sheet, SHEET_KINDS[sheet["type"]], ["sheets", i], i)

    # Canvas templates kept in the project: their own namespace of ids (not
    # item ids), unique in the list, and each one's rules.
    if isinstance(doc.get("templates"), list):
        template_ids = {}
        for i, tmpl in enumerate(doc["templates"]):
            if not isinstance(tmpl, dict):
                continue
            parts = ["templates", i]
            problems.extend(template_checks(tmpl, parts))
            strings = [(parts + [k], tmpl.get(k)) for k in TEMPLATE_TEXT["template"]]
            if isinstance(tmpl.get("panels"), list):
                for j, panel in enumerate(tmpl["panels"]):
                    if isinstance(panel, dict):
                        strings += [(parts + ["panels", j, k], panel.get(k)) for k in TEMPLATE_TEXT["panel"]]
            for p, v in strings:
                if isinstance(v, str) and len(v.encode("utf-8")) > MAX_STRING_BYTES:
                    problems.append((json_path(p), "text of %d bytes is longer than %d"
                                     % (len(v.encode("utf-8")), MAX_STRING_BYTES)))
            ident = tmpl.get("id")
            if isinstance(ident, str):
                if ident in template_ids:
                    problems.append((json_path(parts + ["id"]), 'duplicate template id "%s" (already used at %s)'
                                     % (ident, template_ids[ident])))
                else:
                    template_ids[ident] = json_path(parts)

    names = {"actor": "actor", "node": "node", "card": "card", "link_type": "link type"}
    for path, ident, wanted, sheet in pending:
        if wanted == "link_type" and ident in BUILTIN_LINK_TYPES:
            continue
        target = ids.get(ident)
        if target is None:
            problems.append((path, 'no %s "%s"' % (names[wanted], ident)))
        elif target[0] != wanted:
            problems.append((path, '"%s" is a %s, not a %s' % (ident, target[0].replace("_", " "),
                                                                names[wanted])))
        elif sheet is not None and target[1] != sheet:
            problems.append((path, '%s "%s" is on another sheet (%s)' % (names[wanted], ident, target[2])))
    for path, a, b in pairs:
        if isinstance(a, str) and a and a == b:
            problems.append((path, 'a link cannot join "%s" to itself' % a))
    return problems


def schema_errors(validator, doc):
    problems = []
    for error in validator.iter_errors(doc):
        message = error.message
        if error.context:
            # anyOf / oneOf: say what each alternative wanted.
            reasons = []
            for sub in sorted(error.context, key=lambda e: list(e.relative_schema_path)):
                if sub.message not in reasons:
                    reasons.append(sub.message)
            message = "%s (%s)" % (message, "; ".join(reasons))
        problems.append((json_path(error.absolute_path), message))
    # The same error reached twice (a template file is an object both as a
    # file and as a template) is said once.
    return sorted(set(problems))


def expand(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(os.path.join(p, n) for n in os.listdir(p)
                           if n.endswith((".concord", ".json")))
            if not found:
                raise SystemExit("%s: no .concord or .json files" % p)
            files += found
        else:
            files.append(p)
    return files


def report_file(path, doc, problems, expect_invalid):
    """Prints the problems of one file, and whether it passes: with
    expect_invalid, a file must fail, at its x-expected-error-path if it
    names one. Returns True when the file does not pass."""
    for where, message in problems:
        print("%s: %s: %s" % (path, where, message))
    if expect_invalid:
        expected = doc.get("x-expected-error-path") if isinstance(doc, dict) else None
        if not problems:
            print("%s: FAIL: valid, but expected to be invalid" % path)
            return True
        if expected is not None and expected not in (w for w, _ in problems):
            print("%s: FAIL: invalid, but with no error at %s" % (path, expected))
            return True
        print("%s: ok (invalid as expected)" % path)
        return False
    if problems:
        print("%s: FAIL: %d problem%s" % (path, len(problems), "" if len(problems) == 1 else "s"))
        return True
    print("%s: ok" % path)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must fail (negative fixtures)")
    parser.add_argument("--schema-only", action="store_true",
                        help="skip the checks JSON Schema cannot express")
    parser.add_argument("schema")
    parser.add_argument("files", nargs="*", help="project files, or folders of them")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f, object_pairs_hook=_no_duplicates)
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print("%s: %s: not a valid Draft 2020-12 schema: %s"
              % (args.schema, json_path(e.absolute_path), e.message))
        return 1
    print("%s: valid Draft 2020-12 schema" % args.schema)

    validator = Draft202012Validator(schema, format_checker=format_checker())
    failed = False
    for path in expand(args.files):
        doc, problems = load_strict(path)
        if doc is not None:
            problems += schema_errors(validator, doc)
            if not args.schema_only:
                problems += file_checks(doc)
        failed |= report_file(path, doc, problems, args.expect_invalid)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
