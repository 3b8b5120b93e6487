#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An end-to-end session on a force field with real keyboard input on a real
window: forces added on both sides, two rounds of scores from the keyboard,
save; the file holds the forces, every score and the medians."""

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
    "title": "Scoring workshop",
    "actors": [],
    "link_types": [],
    "sheets": [{"id": "ff1", "type": "forcefield", "title": "Pooling budgets",
                "change": "Pool the health and care budgets", "forces": []}],
}


def main():
    if not can_run():
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-")
    path = os.path.join(tmp, "scoring.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    app, (x0, y0, w, h) = start(path, "Scoring workshop")
    try:
        # Focus the sheet: a click on the desk below the paper.
        xdo("mousemove", str(x0 + 285 + (w - 285) // 2), str(y0 + h - 20), "click", "1")
        # Enter with nothing selected: a driving force; Enter again: the next.
        keys("Return")
        typed("New money from the fund")
        keys("Return")
        typed("A shared vision")
        keys("Return", "Escape")
        # Alt+R: the toolbar's "+ Resisting".
        keys("alt+r")
        typed("Mistrust between boards")
        keys("Return")
        typed("Different budget cycles")
        keys("Return", "Escape")

        # Two rounds of scores, every force from the keyboard.
        keys("ctrl+r")
        typed("Ann")
        keys("Return", "4", "5", "2", "1")
        keys("ctrl+r", "Return", "2", "5", "2", "4")
        keys("ctrl+s")

        def saved():
            d = load(path)
            return sum(len(f.get("scores", [])) for f in d["sheets"][0]["forces"]) == 8

        wait_for(saved, "the save")
        forces = load(path)["sheets"][0]["forces"]
        labels = [(f["side"], f["label"]) for f in forces]
        assert labels == [("driving", "New money from the fund"), ("driving", "A shared vision"),
                          ("resisting", "Mistrust between boards"), ("resisting", "Different budget cycles")], labels
        scores = [sorted((s["participant"], s["score"]) for s in f["scores"]) for f in forces]
        assert scores == [[("1", 2), ("Ann", 4)], [("1", 5), ("Ann", 5)], [("1", 2), ("Ann", 2)],
                          [("1", 4), ("Ann", 1)]], scores
        # The strength is the median, rounded half up.
        assert [f["strength"] for f in forces] == [3, 5, 2, 3], forces
    finally:
        stop(app)

    validate(path)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
