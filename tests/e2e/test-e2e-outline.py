#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outline panel with real keyboard input on a real window: show it,
rename an organisation in its row, delete one with its links and undo, give
a link another type, save. Needs an X display (the suite runs under
xvfb-run) and xdotool."""

import json
import os
import shutil
import sys
import tempfile
import time

from e2elib import can_run, keys, load, start, stop, typed, wait_for, xdo

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Outline Workshop",
    "actors": [
        {"id": "a1", "name": "Alpha Trust", "sector": "voluntary"},
        {"id": "a2", "name": "Bravo Council", "sector": "public"},
        {"id": "a3", "name": "Charlie Foods", "sector": "private"},
    ],
    "link_types": [],
    "sheets": [{
        "id": "m1", "type": "map", "title": "Today",
        "nodes": [
            {"id": "n1", "actor": "a1", "x": 100, "y": 100},
            {"id": "n2", "actor": "a2", "x": 300, "y": 100},
            {"id": "n3", "actor": "a3", "x": 300, "y": 300},
        ],
        "links": [
            {"id": "l1", "from": "n1", "to": "n2", "type": "informal"},
            {"id": "l2", "from": "n2", "to": "n3", "type": "strategic"},
        ],
        "groups": [],
    }],
}


def main():
    if not can_run():
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-outline-")
    path = os.path.join(tmp, "outline.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    app, (x0, y0, w, h) = start(path, "Outline Workshop")
    try:
        # Keys follow the pointer without a window manager: keep it on the window.
        xdo("mousemove", str(x0 + w - 100), str(y0 + h - 100))

        # Show the outline: the keyboard goes to its first row, Alpha Trust.
        keys("ctrl+shift+o")
        time.sleep(1.0)
        # Rename it in its row.
        keys("F2", "ctrl+a")
        typed("Aardvark Trust")
        keys("Return")
        # Down to Bravo Council, delete it (and its two links), then undo.
        keys("Down", "Delete", "ctrl+z")
        # The last row is the link from Bravo Council to Charlie Foods: make it statutory.
        keys("End", "3")
        keys("ctrl+s")

        def saved():
            d = load(path)
            return any(a["name"] == "Aardvark Trust" for a in d["actors"])

        wait_for(saved, "the save")
        doc = load(path)
        names = sorted(a["name"] for a in doc["actors"])
        assert names == ["Aardvark Trust", "Bravo Council", "Charlie Foods"], names
        sheet = doc["sheets"][0]
        assert [n["id"] for n in sheet["nodes"]] == ["n1", "n2", "n3"], sheet["nodes"]
        types = {link["id"]: link["type"] for link in sheet["links"]}
        assert types == {"l1": "informal", "l2": "statutory"}, types
    finally:
        stop(app)

    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
