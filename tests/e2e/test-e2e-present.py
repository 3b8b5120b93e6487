#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Presenting to a room, on a real window under a real window manager: the
example project, F5 (the window full screen, the sheet alone on the screen,
no header bar), Page Down to the next sheet and Page Up back, the reveal bar
(Ctrl+Shift+R, r for a step by sector, Page Down to the next step, the same
sheet still shown), a line said to quick entry while presenting (Ctrl+E,
Return, Escape), Escape (the window as it was), Ctrl+S. The file then holds
the organisation and the link said, and nothing else changed. Full screen
needs a window manager: openbox (or CONCORD_E2E_WM) is started on the
display, and without one the session is skipped. The screen is judged from
screenshots where ImageMagick is installed, the window's state with xprop
where that is; CONCORD_E2E_KEEP=1 keeps the screenshots."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2elib import can_run, load, start, stop, validate, wait_for

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                       "data", "examples", "community-planning.concord")
TITLE = "Riverside Community Planning Partnership"
LINE = "Workshop Newcomer [vol] -- Riverside Council : strat 4"

# Screenshots are compared scaled down to this grid, each cell the average
# of 4 x 4 pixels at 1280 x 720: text antialiasing does not count, a moved
# organisation does
GW, GH = 320, 180
# A cell differs when a channel moved by more than this
CELL_TOLERANCE = 24
# The bottom of the screen is left out of comparisons: the presenting bar
# comes and goes there with the pointer, and the reveal bar says its step
BOTTOM_ROWS = 28
# The grid rows of the header bar (46 pixels) on the window before presenting
HEADER_ROWS = 10
# Presenting waits this long for the presenting bar to hide (BAR_HIDE_MS in
# src/app/cc-window-present.c, and its fade)
BAR_GONE_S = 3.2


def xdo(*args, timeout=20):
    return subprocess.run(["xdotool", *args], check=True, capture_output=True, text=True,
                          timeout=timeout).stdout


def key(*names):
    for k in names:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.15)


def geometry(wid):
    g = dict(line.split("=", 1) for line in xdo("getwindowgeometry", "--shell", wid).split())
    return int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"])


def full_screen_state(wid):
    """Whether the window manager says the window is full screen; None
    without xprop."""
    if shutil.which("xprop") is None:
        return None
    r = subprocess.run(["xprop", "-id", wid, "_NET_WM_STATE"], capture_output=True, text=True, timeout=10)
    return "_NET_WM_STATE_FULLSCREEN" in r.stdout


def wait_window(wid, want, full_screen, what):
    """Waits for the window manager to give the window @want (x, y, width,
    height) and the full-screen state @full_screen."""
    seen = []

    def there():
        seen[:] = [geometry(wid), full_screen_state(wid)]
        return seen[0] == want and seen[1] in (None, full_screen)

    try:
        wait_for(there, what)
    except AssertionError:
        raise AssertionError(f"timed out waiting for {what}: the window is {seen}") from None


class Shot(bytes):
    """A screenshot as the grid of GW x GH cells it is compared by, and the
    file it was taken into."""
    path = None


def grid(path, crop=None, rows=GH):
    args = ["convert", path] + (["-crop", crop, "+repage"] if crop else [])
    return subprocess.run(args + ["-scale", f"{GW}x{rows}!", "-depth", "8", "rgb:-"],
                          check=True, capture_output=True, timeout=20).stdout


class Screen:
    """Screenshots of the whole screen (ImageMagick's import), kept in @folder
    to look at when a check fails."""

    def __init__(self, folder):
        self.folder = folder
        self.enabled = shutil.which("import") is not None and shutil.which("convert") is not None
        self.n = 0

    def shot(self, name):
        self.n += 1
        path = os.path.join(self.folder, f"{self.n:02d}-{name}.png")
        subprocess.run(["import", "-window", "root", path], check=True, capture_output=True, timeout=20)
        shot = Shot(grid(path))
        shot.path = path
        return shot

    def settle(self, name, at_least=0.6, seconds=10):
        """The screen once it has stopped changing, at least @at_least
        seconds from now: two shots in a row the same."""
        time.sleep(at_least)
        last = self.shot(name)
        end = time.time() + seconds
        while time.time() < end:
            time.sleep(0.3)
            now = self.shot(name)
            if differs(last, now) == 0:
                os.unlink(last.path)
                return now
            os.unlink(last.path)
            last = now
        raise AssertionError(f"the screen did not settle ({name})")


def differs(a, b, rows=GH - BOTTOM_ROWS):
    """The share of cells of the top @rows rows of @a unlike those of @b."""
    changed = 0
    for i in range(0, rows * GW * 3, 3):
        if (abs(a[i] - b[i]) > CELL_TOLERANCE or abs(a[i + 1] - b[i + 1]) > CELL_TOLERANCE
                or abs(a[i + 2] - b[i + 2]) > CELL_TOLERANCE):
            changed += 1
    return changed / (rows * GW)


def profile(path, across, width, height):
    """The mean brightness of each column (@across) or row of the screenshot
    at @path, less its bottom."""
    size = f"{width}x1!" if across else f"1x{height}!"
    return subprocess.run(["convert", path, "-crop", f"{width}x{height}+0+0", "+repage", "-scale", size,
                           "-depth", "8", "gray:-"], check=True, capture_output=True, timeout=20).stdout


def best_shift(pa, pb):
    """How far @pb is moved from @pa: pa[i] is pb[i + shift]."""
    def cost(d):
        pairs = [(pa[i], pb[i + d]) for i in range(max(0, -d), min(len(pa), len(pb) - d))]
        return sum(abs(p - q) for p, q in pairs) / len(pairs)
    most = len(pa) // 4
    return min(range(-most, most + 1), key=cost)


def differs_panned(a, b, width, height):
    """differs() once @b is moved to where it best covers @a: the same sheet
    with the same organisations in the same places, seen from elsewhere,
    is alike. @width and @height are the screen's."""
    height -= BOTTOM_ROWS * height // GH
    dx = best_shift(profile(a.path, True, width, height), profile(b.path, True, width, height))
    dy = best_shift(profile(a.path, False, width, height), profile(b.path, False, width, height))
    w, h = width - abs(dx), height - abs(dy)
    moved_a = grid(a.path, f"{w}x{h}+{max(0, -dx)}+{max(0, -dy)}", GH - BOTTOM_ROWS)
    moved_b = grid(b.path, f"{w}x{h}+{max(0, dx)}+{max(0, dy)}", GH - BOTTOM_ROWS)
    return min(differs(a, b), differs(moved_a, moved_b))


def share_of_colour(a, colour, x0, x1, y0, y1, tolerance=4):
    n = same = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            i = (y * GW + x) * 3
            if all(abs(a[i + c] - colour[c]) <= tolerance for c in range(3)):
                same += 1
            n += 1
    return same / max(n, 1)


def commonest_colour(a, x0, x1, y0, y1):
    counts = {}
    for y in range(y0, y1):
        for x in range(x0, x1):
            i = (y * GW + x) * 3
            c = (a[i], a[i + 1], a[i + 2])
            counts[c] = counts.get(c, 0) + 1
    return max(counts, key=counts.get)


def what_differs(a, b, where="$"):
    """Where two JSON values differ, as paths."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: {'added' if k in b else 'removed'}")
            else:
                out += what_differs(a[k], b[k], f"{where}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items, now {len(b)}"]
        return [d for i, (p, q) in enumerate(zip(a, b)) for d in what_differs(p, q, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r}, now {b!r}"]


def check_saved(original, saved):
    """The organisation and the link said while presenting were added, and
    nothing else changed."""
    newcomers = [a for a in saved["actors"] if a["name"] == "Workshop Newcomer"]
    assert len(newcomers) == 1, [a["name"] for a in saved["actors"]]
    newcomer = newcomers[0]
    assert newcomer.get("sector") == "voluntary", newcomer
    council = next(a["id"] for a in saved["actors"] if a["name"] == "Riverside Council")
    sheet = saved["sheets"][0]
    nodes = [n for n in sheet["nodes"] if n["actor"] == newcomer["id"]]
    assert len(nodes) == 1, nodes
    council_node = next(n["id"] for n in sheet["nodes"] if n["actor"] == council)
    links = [l for l in sheet["links"] if nodes[0]["id"] in (l["from"], l["to"])]
    assert len(links) == 1, links
    link = links[0]
    assert (link["from"], link["to"]) == (nodes[0]["id"], council_node), link
    assert link["type"] == "strategic" and link.get("strength", 3) == 4 and not link.get("directed", False), link

    # Less those three, and the time it was saved, the file is the one opened
    rest = json.loads(json.dumps(saved))
    rest["actors"] = [a for a in rest["actors"] if a["id"] != newcomer["id"]]
    rest["sheets"][0]["nodes"] = [n for n in rest["sheets"][0]["nodes"] if n["id"] != nodes[0]["id"]]
    rest["sheets"][0]["links"] = [l for l in rest["sheets"][0]["links"] if l["id"] != link["id"]]
    before = json.loads(json.dumps(original))
    for doc in (rest, before):
        doc.get("meta", {}).pop("modified", None)
    assert rest == before, "\n".join(what_differs(before, rest))


def main():
    if not can_run():
        print("no display or no xdotool: skipped")
        return 77
    wm_command = os.environ.get("CONCORD_E2E_WM") or ("openbox" if shutil.which("openbox") else None)
    if wm_command is None:
        # Without one, nothing makes the window full screen
        print("no window manager (openbox) to make the window full screen: skipped")
        return 77

    tmp = tempfile.mkdtemp(prefix="concord-e2e-present-")
    path = os.path.join(tmp, "present.concord")
    shutil.copyfile(EXAMPLE, path)
    original = load(path)
    opened = os.stat(path).st_mtime_ns
    screen = Screen(tmp)
    wm = subprocess.Popen([wm_command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    app = None
    try:
        app, _ = start(path, TITLE)
        wid = xdo("search", "--sync", "--onlyvisible", "--name", TITLE).split()[0]
        screen_w, screen_h = (int(v) for v in xdo("getdisplaygeometry").split())
        windowed = geometry(wid)
        # Else the window could not be seen to become full screen
        assert windowed[2:] != (screen_w, screen_h), windowed
        assert full_screen_state(wid) in (None, False)

        if screen.enabled:
            before = screen.settle("windowed")
            # The header bar, along the window's top: one colour, for most of it
            x0, x1 = windowed[0] * GW // screen_w, (windowed[0] + windowed[2]) * GW // screen_w
            y0 = windowed[1] * GH // screen_h
            header = commonest_colour(before, x0, x1, y0, y0 + HEADER_ROWS)
            assert share_of_colour(before, header, x0, x1, y0, y0 + HEADER_ROWS) > 0.6, header

        key("F5")
        wait_window(wid, (0, 0, screen_w, screen_h), True, "the window full screen")
        if screen.enabled:
            first = screen.settle("presented", BAR_GONE_S)
            # The top of the screen is the sheet, not the header bar
            top = share_of_colour(first, header, 0, GW, 0, HEADER_ROWS)
            assert top < 0.3, f"the top of the screen is {top:.0%} header-bar colour"
            # Nor is the rest of the screen the window as it was
            assert differs(first, before) > 0.3, differs(first, before)

        key("Next")
        if screen.enabled:
            second = screen.settle("next-sheet", BAR_GONE_S)
            assert differs(second, first) > 0.25, f"Page Down: {differs(second, first):.0%} of the screen changed"
        key("Prior")
        if screen.enabled:
            back = screen.settle("back", BAR_GONE_S)
            # The first sheet again, its organisations where they were shown
            # the first time (seen from the same place or not)
            unlike = differs_panned(back, first, screen_w, screen_h)
            assert unlike < 0.05, f"Page Up: {unlike:.0%} unlike the sheet first presented"
        assert geometry(wid) == (0, 0, screen_w, screen_h), geometry(wid)

        # The reveal bar: each step shows more of the same sheet
        key("ctrl+shift+r")
        if screen.enabled:
            whole = screen.settle("reveal-bar")
        key("r")
        if screen.enabled:
            step1 = screen.settle("reveal-step-1")
            assert differs(step1, whole) > 0.1, f"r: {differs(step1, whole):.0%} of the screen changed"
        key("Next")
        if screen.enabled:
            step2 = screen.settle("reveal-step-2")
            step = differs(step2, step1)
            assert 0.01 < step < 0.25, f"Page Down, revealing: {step:.0%} of the screen changed"
            # Still this sheet, not the next one
            other = differs_panned(step2, second, screen_w, screen_h)
            assert other > 2 * step, f"revealing, the screen is {other:.0%} unlike the next sheet"
        assert geometry(wid) == (0, 0, screen_w, screen_h), geometry(wid)

        # Editing while presenting: a line said to quick entry
        key("ctrl+e")
        xdo("type", "--delay", "20", LINE)
        key("Return", "Escape")
        time.sleep(0.5)
        assert geometry(wid) == (0, 0, screen_w, screen_h), "the entry's Escape left presenting"

        # Escape: the window as it was
        key("Escape")
        wait_window(wid, windowed, False, f"the window back to {windowed}, not full screen")
        if screen.enabled:
            after = screen.settle("windowed-again")
            share = share_of_colour(after, header, x0, x1, y0, y0 + HEADER_ROWS)
            assert share > 0.6, f"the header bar is not back ({share:.0%} of its colour)"

        key("ctrl+s")

        def saved():
            if os.stat(path).st_mtime_ns == opened:
                return False
            check_saved(original, load(path))
            return True

        try:
            wait_for(saved, "the save", seconds=15)
        except AssertionError:
            check_saved(original, load(path))   # says what differs
            raise
    except BaseException:
        print(f"screenshots in {tmp}")
        raise
    finally:
        if app is not None:
            stop(app)
        wm.terminate()
        wm.wait(timeout=10)
    validate(path)
    if os.environ.get("CONCORD_E2E_KEEP"):
        print(f"screenshots in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
