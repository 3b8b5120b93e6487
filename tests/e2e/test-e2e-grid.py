#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An end-to-end session on a power / interest grid with real mouse and
keyboard input on a real window: an organisation placed with a double-click
and its name, another dragged from one quadrant to another, a third nudged
with Alt+arrows; the saved file holds the values, the panels they fall in,
and a copy of the template."""

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import can_run, keys, load, start, stop, typed, validate, wait_for, xdo  # noqa: E402

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Stakeholder workshop",
    "actors": [{"id": "a-council", "name": "Riverside Council", "sector": "public", "power": 9, "interest": 9},
               {"id": "a-buses", "name": "Riverside Buses", "sector": "private", "power": 3, "interest": 2}],
    "link_types": [],
    "sheets": [{"id": "grid", "type": "canvas", "title": "Who to engage", "template": "power-interest",
                "cards": [{"id": "c1", "panel": "manage-closely", "actor": "a-council"},
                          {"id": "c2", "panel": "monitor", "actor": "a-buses"}],
                "links": []}],
}


def main():
    if not can_run():
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-")
    path = os.path.join(tmp, "grid.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    app, (x0, y0, w, h) = start(path, "Stakeholder workshop")
    try:
        # The grid fills the view below the tools: find the quadrants from
        # the view's size (the sheet is fitted to the window on opening).
        vx, vy, vw, vh = x0 + 287, y0 + 52, w - 287, h - 52

        def at(fx, fy):
            return str(int(vx + fx * vw)), str(int(vy + fy * vh))

        # Double-click on "manage closely", type a new name, Enter.
        xdo("mousemove", *at(0.70, 0.40), "click", "--repeat", "2", "--delay", "80", "1")
        typed("Riverside Allotment Society")
        keys("Return")

        # Drag the buses' card from "monitor" up into "keep satisfied".
        xdo("mousemove", *at(0.30, 0.61))
        xdo("mousedown", "1")
        for step in range(1, 9):
            xdo("mousemove", *at(0.30, 0.61 - 0.04 * step))
        xdo("mouseup", "1")
        # Alt+Right twice on the card now selected: more interest.
        keys("alt+Right", "alt+Right")
        keys("ctrl+s")

        def saved():
            d = load(path)
            return len(d["sheets"][0]["cards"]) == 3 and "templates" in d

        wait_for(saved, "the save")
        doc = load(path)
        actors = {a["name"]: a for a in doc["actors"]}
        cards = {c["actor"]: c for c in doc["sheets"][0]["cards"]}
        new = actors["Riverside Allotment Society"]
        assert new["power"] >= 5 and new["interest"] >= 5, new
        assert cards[new["id"]]["panel"] == "manage-closely", cards
        buses = actors["Riverside Buses"]
        assert buses["power"] > 5, buses
        assert abs(buses["interest"] - 3) < 1e-9, buses
        assert cards["a-buses"]["panel"] == "keep-satisfied", cards
        assert actors["Riverside Council"]["power"] == 9, actors
        assert [t["id"] for t in doc["templates"]] == ["power-interest"], doc.get("templates")
    finally:
        stop(app)

    validate(path)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
