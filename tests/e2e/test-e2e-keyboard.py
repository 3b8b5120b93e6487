#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A keyboard-only session on a real window, as a facilitator runs it on a
projector: find an organisation, close the find bar (the map keeps the
keyboard and the selection), F2, Tab, the name of another organisation
already on the map, Enter, Escape, Ctrl+S. The two are linked, and no
organisation is added. Needs an X display and xdotool."""

import json
import os
import shutil
import sys
import tempfile

from e2elib import can_run, keys, load, start, stop, typed, validate, wait_for

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Keyboard Workshop",
    "actors": [
        {"id": "a1", "name": "Riverside College", "sector": "public"},
        {"id": "a2", "name": "Riverside Council", "sector": "public"},
        {"id": "a3", "name": "Harbour Food Bank", "sector": "voluntary"},
    ],
    "link_types": [],
    "sheets": [{
        "id": "m1", "type": "map", "title": "Today",
        "nodes": [
            {"id": "n1", "actor": "a1", "x": 100, "y": 100},
            {"id": "n2", "actor": "a2", "x": 420, "y": 100},
            {"id": "n3", "actor": "a3", "x": 260, "y": 300},
        ],
        "links": [],
        "groups": [],
    }],
}


def main():
    if not can_run():
        print("no display or no xdotool: skipped")
        return 77

    tmp = tempfile.mkdtemp(prefix="concord-e2e-keys-")
    path = os.path.join(tmp, "keys.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    app, _ = start(path, "Keyboard Workshop")
    try:
        keys("ctrl+f")
        typed("Riverside Coll")
        keys("Return", "Escape")
        # The map has the keyboard and the college is still selected
        keys("F2", "Tab")
        typed("riverside council")
        keys("Return", "Escape", "ctrl+s")

        def saved():
            return len(load(path)["sheets"][0]["links"]) == 1

        wait_for(saved, "the save")
        doc = load(path)
        assert len(doc["actors"]) == 3, doc["actors"]
        sheet = doc["sheets"][0]
        assert len(sheet["nodes"]) == 3, sheet["nodes"]
        link = sheet["links"][0]
        assert {link["from"], link["to"]} == {"n1", "n2"}, link
    finally:
        stop(app)
    validate(path)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
