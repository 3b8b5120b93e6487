#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A room called out, captured by quick entry alone on a real window: Ctrl+E
on an empty map, then one line per thing said, typed with real keys (names
with their sector and kind, links with abbreviated types, strengths and
directions, names said again in another case or with other spaces, a line
that cannot be read and is corrected, one that is wiped), Escape, Ctrl+S.
The file then holds exactly the 30 organisations and 40 links said, and no
two organisations overlap. Needs an X display and xdotool; with
CONCORD_E2E_WM=openbox (or another window manager) it runs under that."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2elib import can_run, load, start, stop, validate, wait_for

PROJECT = {
    "format": "concord-project",
    "version": 1,
    "title": "Quick Entry Workshop",
    "actors": [],
    "link_types": [],
    "sheets": [{"id": "m1", "type": "map", "title": "Who works with whom",
                "nodes": [], "links": [], "groups": []}],
}

# name: (sector, kind) as the file says them
ORGS = {
    "Riverside Council": ("public", "organisation"),
    "Valley Health Board": ("public", "partnership"),
    "Harbour Food Bank": ("voluntary", "organisation"),
    "Northside Tenants": ("community", "organisation"),
    "Coastal Housing Trust": ("voluntary", "organisation"),
    "Marshall Builders": ("private", "organisation"),
    "Valley College": ("public", "organisation"),
    "Youth Forum": ("community", "working-group"),
    "Citizens Advice": ("voluntary", "organisation"),
    "Police Scotland": ("public", "organisation"),
    "Fire Service": ("public", "organisation"),
    "Chamber of Commerce": ("private", "partnership"),
    "Employability Partnership": ("other", "partnership"),
    "Dr Ana Ruiz": ("other", "person"),
    "Carers Centre": ("voluntary", "organisation"),
    "Library Service": ("public", "organisation"),
    "Leisure Trust": ("voluntary", "organisation"),
    "Credit Union": ("community", "organisation"),
    "Mens Shed": ("community", "organisation"),
    "Arts Collective": ("community", "organisation"),
    "Port Authority": ("public", "organisation"),
    "Bus Company": ("private", "organisation"),
    "Energy Advice": ("voluntary", "organisation"),
    "Parish Council": ("public", "organisation"),
    "Mental Health Group": ("voluntary", "working-group"),
    "Job Centre": ("public", "organisation"),
    "Social Enterprise Hub": ("private", "organisation"),
    "Digital Inclusion Network": ("voluntary", "organisation"),
    "Climate Action Group": ("community", "working-group"),
    "Recovery Cafe": ("voluntary", "organisation"),
}

# What is typed, one line each, and the link it makes:
# (from, to, type, strength, directed), or None for an organisation alone.
LINES = [
    ("Riverside Council [public]", None),
    ("Harbour Food Bank [vol]", None),
    ("  riverside council   -- Valley Health Board [public, board] : stat 4",
     ("Riverside Council", "Valley Health Board", "statutory", 4, False)),
    ("RIVERSIDE COUNCIL -> harbour food bank : deliv 2",
     ("Riverside Council", "Harbour Food Bank", "delivery", 2, True)),
    ("Riverside Council -- Northside Tenants [comm] : informal 1",
     ("Riverside Council", "Northside Tenants", "informal", 1, False)),
    ("Riverside  Council -- Coastal Housing Trust [vol] : strat 5",
     ("Riverside Council", "Coastal Housing Trust", "strategic", 5, False)),
    ("Riverside Council -> Marshall Builders [priv] : 3 del",
     ("Riverside Council", "Marshall Builders", "delivery", 3, True)),
    ("riverside council -- Valley College [pub] : STRATEGIC",
     ("Riverside Council", "Valley College", "strategic", 3, False)),
    ("Riverside Council -- Youth Forum [comm, group] : inf 2",
     ("Riverside Council", "Youth Forum", "informal", 2, False)),
    ("Riverside Council -> Citizens Advice [vol] : Stat 3",
     ("Riverside Council", "Citizens Advice", "statutory", 3, True)),
    ("Riverside Council -- Police Scotland [public] : statutory 5",
     ("Riverside Council", "Police Scotland", "statutory", 5, False)),
    ("Riverside Council -- Fire Service [public] : 4",
     ("Riverside Council", "Fire Service", "informal", 4, False)),
    ("Riverside Council -- Chamber of Commerce [private, board] : strat 2",
     ("Riverside Council", "Chamber of Commerce", "strategic", 2, False)),
    ("Riverside Council -> Employability Partnership [board] : delivery 4",
     ("Riverside Council", "Employability Partnership", "delivery", 4, True)),
    # A chain, as a facilitator walks along the room
    ("Dr Ana Ruiz [person] -- Carers Centre [vol] : inf",
     ("Dr Ana Ruiz", "Carers Centre", "informal", 3, False)),
    ("carers centre -> Library Service [public] : deliv 1",
     ("Carers Centre", "Library Service", "delivery", 1, True)),
    ("Library Service -- Leisure Trust [vol] : strat 3",
     ("Library Service", "Leisure Trust", "strategic", 3, False)),
    ("LEISURE TRUST -- Credit Union [comm] : informal 2",
     ("Leisure Trust", "Credit Union", "informal", 2, False)),
    ("Credit Union -> Mens Shed [comm] : stat 1",
     ("Credit Union", "Mens Shed", "statutory", 1, True)),
    ("Mens  Shed -- Arts Collective [comm] : del 5",
     ("Mens Shed", "Arts Collective", "delivery", 5, False)),
    ("Arts Collective -- Port Authority [pub] : i 4",
     ("Arts Collective", "Port Authority", "informal", 4, False)),
    ("port authority -> Bus Company [private] : strategic 4",
     ("Port Authority", "Bus Company", "strategic", 4, True)),
    ("Bus Company -- Energy Advice [voluntary] : deliv 3",
     ("Bus Company", "Energy Advice", "delivery", 3, False)),
    ("Energy Advice -- Parish Council [public] : stat 2",
     ("Energy Advice", "Parish Council", "statutory", 2, False)),
    ("Parish Council -> Mental Health Group [vol, group] : inf 5",
     ("Parish Council", "Mental Health Group", "informal", 5, True)),
    ("Mental Health Group -- Job Centre [public] : strat 1",
     ("Mental Health Group", "Job Centre", "strategic", 1, False)),
    ("job centre -- Social Enterprise Hub [priv] : delivery 2",
     ("Job Centre", "Social Enterprise Hub", "delivery", 2, False)),
    ("Social Enterprise Hub -> Digital Inclusion Network [vol] : 5 statutory",
     ("Social Enterprise Hub", "Digital Inclusion Network", "statutory", 5, True)),
    ("Digital Inclusion Network -- Climate Action Group [comm, group] : informal",
     ("Digital Inclusion Network", "Climate Action Group", "informal", 3, False)),
    ("Climate Action Group -- Recovery Cafe [vol] : strat 4",
     ("Climate Action Group", "Recovery Cafe", "strategic", 4, False)),
    # Across the map, between organisations said before
    ("harbour food bank -- Northside Tenants : inf 3",
     ("Harbour Food Bank", "Northside Tenants", "informal", 3, False)),
    ("Coastal Housing Trust -> marshall builders : deliv 4",
     ("Coastal Housing Trust", "Marshall Builders", "delivery", 4, True)),
    ("Citizens Advice -- POLICE SCOTLAND : stat 2",
     ("Citizens Advice", "Police Scotland", "statutory", 2, False)),
    ("Valley Health Board -- Carers Centre : strat 3",
     ("Valley Health Board", "Carers Centre", "strategic", 3, False)),
    ("Job Centre -> Employability Partnership : 5 del",
     ("Job Centre", "Employability Partnership", "delivery", 5, True)),
    ("Social Enterprise Hub -- Chamber of Commerce : informal 1",
     ("Social Enterprise Hub", "Chamber of Commerce", "informal", 1, False)),
    ("Bus Company -- Port Authority : stat 3",
     ("Bus Company", "Port Authority", None, None, None)),   # linked already: retyped below
    ("Energy Advice -- Climate Action Group : strat 2",
     ("Energy Advice", "Climate Action Group", "strategic", 2, False)),
    ("Leisure Trust -> Arts Collective : deliv 4",
     ("Leisure Trust", "Arts Collective", "delivery", 4, True)),
    ("Credit Union -- citizens advice : inf 2",
     ("Credit Union", "Citizens Advice", "informal", 2, False)),
    ("Valley College -- Fire Service : statutory 1",
     ("Valley College", "Fire Service", "statutory", 1, False)),
    ("  Recovery Cafe -> mental health group : Deliv 3",
     ("Recovery Cafe", "Mental Health Group", "delivery", 3, True)),
]

# "Bus Company -- Port Authority : stat 3" names the two linked already: the
# link is given that type and strength, and keeps its arrow
RETYPED = ("Port Authority", "Bus Company", "statutory", 3, True)

# Cannot be read (no such type): stays in the entry, adds nothing; wiped
WIPED = "Fake Org One -- Fake Org Two : nonsense 3"
# Cannot be read (strength 9): stays, and is corrected where it stands
CORRECTED = ("Youth Forum -- Mental Health Group : deliv 9",
             ("Youth Forum", "Mental Health Group", "delivery", 2, False))

# The widest and tallest box the renderer gives a node whose name takes at
# most two lines (src/layout/cc-map-layout.c: a name wraps at 132 points,
# padded 12 + 4 across and 8 + 3 down for a partnership body, its border;
# a person at most 100 * 1.25 + 20 across), rounded up
MAX_NODE_W = 168.0
MAX_NODE_H = 58.0


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def key(*names):
    for k in names:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.1)


def type_line(text):
    xdo("type", "--delay", "6", text)
    key("Return")


def expected_links():
    links = [link for _, link in LINES if link is not None and link[2] is not None]
    links = [RETYPED if {l[0], l[1]} == {RETYPED[0], RETYPED[1]} else l for l in links]
    return links + [CORRECTED[1]]


def check(doc):
    actors = {a["id"]: a for a in doc["actors"]}
    names = sorted(a["name"] for a in actors.values())
    assert names == sorted(ORGS), (names, sorted(ORGS))
    for a in actors.values():
        sector, kind = ORGS[a["name"]]
        assert a.get("sector", "other") == sector, a
        assert a.get("kind", "organisation") == kind, a
    sheet = doc["sheets"][0]
    nodes = {n["id"]: n for n in sheet["nodes"]}
    assert len(nodes) == 30, len(nodes)
    assert sorted(actors[n["actor"]]["name"] for n in nodes.values()) == sorted(ORGS)

    def name(node_id):
        return actors[nodes[node_id]["actor"]]["name"]

    got = sorted((name(l["from"]), name(l["to"]), l["type"], l.get("strength", 3), l.get("directed", False))
                 for l in sheet["links"])
    want = sorted(expected_links())
    assert len(want) == 40, len(want)
    assert got == want, "\n".join(f"{g} | {w}" for g, w in zip(got, want) if g != w) or (len(got), len(want))
    pairs = [frozenset((l["from"], l["to"])) for l in sheet["links"]]
    assert len(set(pairs)) == len(pairs), "a pair linked twice"

    # No two organisations overlap: centres farther apart, across or down,
    # than the biggest boxes their names can have
    placed = list(nodes.values())
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            dx, dy = abs(a["x"] - b["x"]), abs(a["y"] - b["y"])
            assert dx >= MAX_NODE_W or dy >= MAX_NODE_H, (name(a["id"]), name(b["id"]), dx, dy)


def main():
    if not can_run():
        print("no display or no xdotool: skipped")
        return 77

    tmp = tempfile.mkdtemp(prefix="concord-e2e-quick-")
    path = os.path.join(tmp, "quick.concord")
    with open(path, "w") as f:
        json.dump(PROJECT, f)
    before = os.stat(path).st_mtime_ns
    wm = None
    if os.environ.get("CONCORD_E2E_WM"):
        wm = subprocess.Popen([os.environ["CONCORD_E2E_WM"]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
    app, _ = start(path, "Quick Entry Workshop")
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Quick Entry Workshop"],
                       capture_output=True, timeout=20, check=True)
        key("ctrl+e")
        for i, (text, _) in enumerate(LINES):
            type_line(text)
            if i == 10:
                # Read as unreadable: still there; wiped, and the room goes on
                type_line(WIPED)
                key("ctrl+a", "BackSpace")
            if i == 32:
                # The strength is wrong: put right where it stands
                type_line(CORRECTED[0])
                key("End", "BackSpace")
                type_line("2")
        key("Escape", "ctrl+s")

        def saved():
            if os.stat(path).st_mtime_ns == before:
                return False
            check(load(path))
            return True

        try:
            wait_for(saved, "the save", seconds=15)
        except AssertionError:
            check(load(path))   # says what differs
            raise
    finally:
        stop(app)
        if wm is not None:
            wm.terminate()
            wm.wait(timeout=10)
    validate(path)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
