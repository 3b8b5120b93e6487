#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A laptop dies mid-workshop: organisations are added to a map with real
keys and mouse, Concord is killed with SIGKILL before anything is saved, and
started again. It offers the work it kept; Restore brings the map back with
every organisation, bound to its file and marked modified; Ctrl+S writes it
there. The local database is the test's own (XDG_STATE_HOME)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import can_run, keys, load, start, stop, typed, validate, wait_for, xdo  # noqa: E402

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Riverside workshop",
    "actors": [],
    "link_types": [],
    "sheets": [{"id": "m1", "type": "map", "title": "Who is in the room", "nodes": [], "links": [],
                "groups": []}],
}

NAMES = ["Riverside Council", "Harbour Trust", "Food Bank"]


def window_named(title, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                           capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.split()[0]
        time.sleep(0.3)
    raise AssertionError(f"no window named {title!r}")


def geometry(wid):
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                         capture_output=True, text=True, check=True).stdout
    g = dict(line.split("=") for line in geo.split())
    return int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"])


def main():
    if not can_run():
        print("SKIP: needs an X display and xdotool")
        return 77
    tmp = tempfile.mkdtemp(prefix="concord-e2e-")
    os.environ["XDG_STATE_HOME"] = os.path.join(tmp, "state")
    path = os.path.join(tmp, "workshop.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    original = open(path).read()

    app, (x0, y0, w, h) = start(path, "Riverside workshop")
    try:
        cx = x0 + 285 + (w - 285) // 2
        cy = y0 + 60 + (h - 60) // 2
        # One organisation where we double-click, and each next one linked
        # to it with Tab, as a facilitator types them in
        xdo("mousemove", str(cx - 150), str(cy), "click", "--repeat", "2", "--delay", "80", "1")
        time.sleep(0.5)
        for i, name in enumerate(NAMES):
            typed(name)
            keys("Tab" if i + 1 < len(NAMES) else "Return")
        # Within five seconds of the last edit the work is in the database
        time.sleep(6)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    except BaseException:
        stop(app)
        raise
    assert open(path).read() == original, "the file was written before any save"

    # Started again with no file: it offers what it kept
    env = dict(os.environ, GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    app = subprocess.Popen([os.environ["CONCORD"]], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        dialog = window_named("Recover Unsaved Work")
        time.sleep(1.5)
        subprocess.run(["xdotool", "windowfocus", dialog], check=False)
        dx, dy, dw, dh = geometry(dialog)
        # The row's buttons: Restore is the suggested one; reach it by keys
        # from the start of the dialog (Tab order: Discard, Restore, Later).
        xdo("mousemove", str(dx + dw // 2), str(dy + dh // 2))
        keys("Tab", "Tab")
        keys("Return")
        # The project is back in a window named after it, marked modified
        wid = window_named("• Riverside workshop")
        subprocess.run(["xdotool", "windowfocus", wid], check=False)
        time.sleep(1)
        wx, wy, ww, wh = geometry(wid)
        xdo("mousemove", str(wx + 285 + (ww - 285) // 2), str(wy + 60 + (wh - 60) // 2))
        keys("ctrl+s")

        def saved():
            return len(load(path)["actors"]) == len(NAMES)

        wait_for(saved, "the save of the restored project")
        doc = load(path)
        assert sorted(a["name"] for a in doc["actors"]) == sorted(NAMES), doc["actors"]
        assert len(doc["sheets"][0]["nodes"]) == len(NAMES), doc["sheets"][0]["nodes"]
        assert len(doc["sheets"][0]["links"]) == len(NAMES) - 1, doc["sheets"][0]["links"]
        # Saved: the snapshot is gone, so a third start offers nothing
    finally:
        stop(app)
    validate(path)

    app = subprocess.Popen([os.environ["CONCORD"]], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        window_named("Concord")
        time.sleep(2)
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Recover Unsaved Work"],
                           capture_output=True, text=True)
        assert not r.stdout.strip(), "work was offered again after it was saved"
    finally:
        stop(app)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
