#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An end-to-end session with real keyboard and mouse input on a real window:
create, link, rename, move, delete, undo, save, reopen. Needs an X display
(the suite runs under xvfb-run) and xdotool."""

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import keys, load, start, stop, typed, validate, wait_for, xdo, can_run  # noqa: E402

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Workshop",
    "actors": [],
    "link_types": [],
    "sheets": [{"id": "m1", "type": "map", "title": "Today", "nodes": [], "links": [], "groups": []}],
}


def main():
    if not can_run():
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-")
    path = os.path.join(tmp, "workshop.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    app, (x0, y0, w, h) = start(path, "Workshop")
    try:
        # The sheet view fills the window right of the 285-pixel sidebar.
        cx = x0 + 285 + (w - 285) // 2
        cy = y0 + 60 + (h - 60) // 2

        # Zoomed by hand, the view stays where it is as organisations are
        # added (fitted, it would follow the sheet as it grows), so that the
        # clicks below land where the organisations were made.
        keys("ctrl+plus", "ctrl+minus")
        # Create an organisation where we double-click, and a linked one with Tab.
        xdo("mousemove", str(cx - 150), str(cy), "click", "--repeat", "2", "--delay", "80", "1")
        time.sleep(0.5)
        typed("Riverside Council")
        keys("Tab")
        typed("Riverside Police")
        keys("Return")
        # Rename the one just made (it is selected), with F2.
        keys("F2", "ctrl+a")
        typed("Police Scotland")
        keys("Return")
        # A third organisation, then delete it and undo the delete.
        xdo("mousemove", str(cx - 150), str(cy + 150), "click", "--repeat", "2", "--delay", "80", "1")
        time.sleep(0.5)
        typed("Food Bank")
        keys("Return")
        xdo("mousemove", str(cx - 150), str(cy + 150), "click", "1")
        keys("Delete")
        keys("ctrl+z")
        # Move the first organisation by dragging it.
        xdo("mousemove", str(cx - 150), str(cy))
        xdo("mousedown", "1")
        for step in range(1, 6):
            xdo("mousemove", str(cx - 150), str(cy - 12 * step))
        xdo("mouseup", "1")
        keys("ctrl+s")

        def saved():
            d = load(path)
            return len(d["actors"]) == 3

        wait_for(saved, "the save")
        doc = load(path)
        names = sorted(a["name"] for a in doc["actors"])
        assert names == ["Food Bank", "Police Scotland", "Riverside Council"], names
        sheet = doc["sheets"][0]
        assert len(sheet["nodes"]) == 3, sheet["nodes"]
        assert len(sheet["links"]) == 1, sheet["links"]
        by_actor = {a["id"]: a["name"] for a in doc["actors"]}
        node_name = {n["id"]: by_actor[n["actor"]] for n in sheet["nodes"]}
        link = sheet["links"][0]
        assert {node_name[link["from"]], node_name[link["to"]]} == {"Riverside Council", "Police Scotland"}, link
        council = next(n for n in sheet["nodes"] if node_name[n["id"]] == "Riverside Council")
        food = next(n for n in sheet["nodes"] if node_name[n["id"]] == "Food Bank")
        # The drag moved the council up; the food bank stayed below it.
        assert council["y"] < food["y"] - 10, (council, food)
        assert doc["meta"].get("modified"), "saving stamps the modified time"
    finally:
        stop(app)

    # Reopen: the file is sound and reads the same.
    validate(path)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
