# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared by the end-to-end sessions: real input through xdotool on the X
display that xvfb-run gives the test run."""

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import time

CONCORD = os.environ["CONCORD"]

# Each session has a local database of its own, never the user's, and never
# one where an earlier session left work to recover
_STATE = tempfile.mkdtemp(prefix="concord-e2e-state-")
os.environ["XDG_STATE_HOME"] = _STATE
atexit.register(shutil.rmtree, _STATE, ignore_errors=True)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)
    time.sleep(0.25)


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


def can_run():
    return bool(os.environ.get("DISPLAY")) and shutil.which("xdotool") is not None


def start(path, title):
    """Opens @path in Concord and waits for its window (named @title).
    Returns the process and the window's geometry (x, y, width, height)."""
    env = dict(os.environ, GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    app = subprocess.Popen([CONCORD, path], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wid = None
    end = time.time() + 20
    while wid is None and time.time() < end:
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                           capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            wid = r.stdout.split()[0]
        else:
            time.sleep(0.3)
    if not wid:
        stop(app)
        raise AssertionError("the window did not appear")
    time.sleep(1.5)
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                         capture_output=True, text=True, check=True).stdout
    g = dict(line.split("=") for line in geo.split())
    # No window manager here: focus the window directly (keys follow the pointer anyway).
    subprocess.run(["xdotool", "windowfocus", wid], check=False)
    return app, (int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"]))


def stop(app):
    app.terminate()
    try:
        app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()


def validate(path):
    r = subprocess.run([CONCORD, "--validate", path], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
