#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outline panel with real keyboard input on a real window: show it,
rename an organisation in its row, delete one with its links and undo, give
a link another type, save. Needs an X display (the suite runs under
xvfb-run) and xdotool."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import e2elib  # noqa: F401  (a local database of this session's own)

CONCORD = os.environ["CONCORD"]

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


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)
    time.sleep(0.3)


def keys(*names):
    for k in names:
        xdo("key", "--clearmodifiers", k)


def typed(text):
    xdo("type", "--delay", "30", text)


def load(path):
    with open(path) as f:
        return json.load(f)


def wait_for(predicate, what, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if predicate():
                return
        except (OSError, ValueError, KeyError, IndexError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def main():
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-outline-")
    path = os.path.join(tmp, "outline.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    env = dict(os.environ, GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    app = subprocess.Popen([CONCORD, path], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wid = None
        end = time.time() + 20
        while wid is None and time.time() < end:
            r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Outline Workshop"],
                               capture_output=True, text=True)
            if r.returncode == 0 and r.stdout.strip():
                wid = r.stdout.split()[0]
            else:
                time.sleep(0.3)
        assert wid, "the window did not appear"
        time.sleep(1.5)
        subprocess.run(["xdotool", "windowfocus", wid], check=False)
        geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                             capture_output=True, text=True, check=True).stdout
        g = dict(line.split("=") for line in geo.split())
        # Keys follow the pointer without a window manager: keep it on the window.
        xdo("mousemove", str(int(g["X"]) + int(g["WIDTH"]) - 100), str(int(g["Y"]) + int(g["HEIGHT"]) - 100))

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
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()

    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
