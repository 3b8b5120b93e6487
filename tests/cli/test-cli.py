#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the concord binary as a user would on a machine with no display:
--validate and --export on the examples, damaged and hostile files, and wrong
arguments. Needs CONCORD (the binary) and SOURCE_ROOT in the environment."""

import html
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

CONCORD = os.environ["CONCORD"]
SOURCE_ROOT = os.environ["SOURCE_ROOT"]
EXAMPLES = os.path.join(SOURCE_ROOT, "data", "examples")
EXAMPLE = os.path.join(EXAMPLES, "community-planning.concord")
SCHEMA = os.path.join(SOURCE_ROOT, "data", "concord-project.schema.json")
CHECK_SCHEMA = os.path.join(SOURCE_ROOT, "tests", "schema", "check-schema.py")


def headless_env():
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(var, None)
    env["LC_ALL"] = "C.UTF-8"
    return env


def concord(*args, timeout=120):
    return subprocess.run([CONCORD, *args], capture_output=True, text=True,
                          env=headless_env(), timeout=timeout)


def pdftotext(path):
    exe = shutil.which("pdftotext")
    if exe is None:
        raise unittest.SkipTest("pdftotext is not installed")
    out = subprocess.run([exe, "-raw", path, "-"], capture_output=True, text=True, check=True)
    return out.stdout


def pdftotext_page(path, page):
    exe = shutil.which("pdftotext")
    if exe is None:
        raise unittest.SkipTest("pdftotext is not installed")
    out = subprocess.run([exe, "-raw", "-f", str(page), "-l", str(page), path, "-"], capture_output=True,
                         text=True, check=True)
    return out.stdout


def ink_of_page(path, page):
    """The share of a page's pixels that are not white, at 20 dpi."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise unittest.SkipTest("pdftoppm is not installed")
    out = subprocess.run([exe, "-gray", "-r", "20", "-f", str(page), "-l", str(page), path],
                         capture_output=True, check=True).stdout
    # PGM: "P5\n<w> <h>\n255\n" then one byte a pixel
    header, rest = out.split(b"\n", 1)
    size, rest = rest.split(b"\n", 1)
    _, pixels = rest.split(b"\n", 1)
    return sum(1 for b in pixels if b < 200) / max(1, len(pixels))


def normalise(text):
    # pdftotext may break lines inside names; compare on single spaces.
    return " ".join(text.replace("\u00ad", "").split())


def line_of_words(path, page, anchor, nth=0):
    """The words of a page's line, left to right, as (xMin, xMax, text): the
    line of the @nth word that is @anchor. Positions, not pdftotext's idea
    of reading order: what a reader sees."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise unittest.SkipTest("pdftotext is not installed")
    out = subprocess.run([exe, "-bbox", "-f", str(page), "-l", str(page), path, "-"], capture_output=True,
                         text=True, check=True).stdout
    words = [(float(x0), float(y0), float(x1), float(y1), html.unescape(t)) for x0, y0, x1, y1, t in
             re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>',
                        out)]
    anchors = [w for w in words if w[4] == anchor]
    if len(anchors) <= nth:
        raise AssertionError(f"no “{anchor}” on page {page}: {' '.join(w[4] for w in words)}")
    a = anchors[nth]
    middle = (a[1] + a[3]) / 2
    return sorted((w[0], w[2], w[4]) for w in words if w[1] <= middle <= w[3])


def seen(words):
    """A line of words as it looks: left to right, a space where there is a gap."""
    text, right = "", None
    for x0, x1, t in words:
        if right is not None and x0 - right > 1.0:
            text += " "
        text += t
        right = x1
    return text


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="concord-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        p = self.path(name)
        mode = "wb" if isinstance(text, bytes) else "w"
        with open(p, mode) as f:
            f.write(text)
        return p

    def assertNoCrash(self, result, what):
        self.assertGreaterEqual(result.returncode, 0,
                                f"{what}: killed by signal {-result.returncode}\n{result.stderr}")
        self.assertNotIn("CRITICAL", result.stderr, what)
        self.assertNotIn("WARNING **", result.stderr, what)


class Validate(Base):
    def test_examples_are_sound(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if name.endswith(".concord"):
                r = concord("--validate", os.path.join(EXAMPLES, name))
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(r.stderr, "")

    def test_located_error(self):
        with open(EXAMPLE) as f:
            doc = json.load(f)
        sheet = next(i for i, s in enumerate(doc["sheets"]) if s["type"] == "map")
        doc["sheets"][sheet]["links"][5]["to"] = "n77"
        p = self.write("bad.concord", json.dumps(doc, indent=2))
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"bad.concord: sheets[{sheet}].links[5].to: no node “n77”", r.stderr)

    def test_every_problem_listed(self):
        with open(EXAMPLE) as f:
            doc = json.load(f)
        doc["actors"][0]["sector"] = "academic"
        doc["actors"][3]["influence"] = 12
        p = self.write("two.concord", json.dumps(doc))
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 1)
        self.assertIn("actors[0].sector: unknown value “academic”", r.stderr)
        self.assertIn("actors[3].influence: 12 is out of range (0 to 10)", r.stderr)

    def test_syntax_error_has_line_and_column(self):
        p = self.write("syntax.concord", '{\n  "format": "concord-project",\n  "version": 1,\n  "title": "x",,\n}\n')
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"syntax\.concord: line 4, column \d+: ")

    def test_truncated(self):
        with open(EXAMPLE, "rb") as f:
            data = f.read()
        p = self.write("cut.concord", data[: len(data) // 2])
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 1)
        self.assertIn("unexpected end of file", r.stderr)

    def test_not_utf8(self):
        p = self.write("latin1.concord", b'{"format": "concord-project", "version": 1, "title": "Caf\xe9"}')
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 1, column 58", r.stderr)
        self.assertIn("UTF-8", r.stderr)

    def test_newer_version_is_sound_with_warning(self):
        with open(EXAMPLE) as f:
            doc = json.load(f)
        doc["version"] = 7
        p = self.write("newer.concord", json.dumps(doc))
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning", r.stderr)
        self.assertIn("newer Concord", r.stderr)

    def test_unreadable_file(self):
        r = concord("--validate", self.path("missing.concord"))
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)
        self.assertIn("cannot read", r.stderr)

    def test_folder(self):
        r = concord("--validate", self.tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("folder", r.stderr)

    def test_devices_pipes_and_sockets_are_refused_at_once(self):
        import socket
        fifo = self.path("pipe.concord")
        os.mkfifo(fifo)
        sock_path = self.path("socket.concord")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(sock_path)
        self.addCleanup(sock.close)
        for path, says in [("/dev/zero", "it is a device, not a file"),
                           ("/dev/urandom", "it is a device, not a file"),
                           (fifo, "it is a named pipe (FIFO), not a file"),
                           (sock_path, "it is a socket, not a file")]:
            for verb in (["--validate"], ["--export", self.path("out.pdf")]):
                r = concord(*verb, path, timeout=10)
                self.assertEqual(r.returncode, 2, (path, r.stderr))
                self.assertEqual(r.stderr.strip(), f"concord: cannot read “{path}”: {says}")
        self.assertFalse(os.path.exists(self.path("out.pdf")))

    def test_newer_sheet_kept_and_exported(self):
        doc = {"format": "concord-project", "version": 2, "title": "Next year",
               "actors": [{"id": "a1", "name": "Council"}],
               "sheets": [{"id": "m1", "type": "map", "title": "Today",
                           "nodes": [{"id": "n1", "actor": "a1", "x": 0, "y": 0}]},
                          {"title": "Milestones", "id": "t1", "type": "timeline",
                           "lanes": [{"id": "e1", "label": "Launch", "at": "2027-01-01"}], "zoom": 1.5},
                          {"id": "f1", "type": "forcefield", "title": "Change", "forces": []}]}
        p = self.write("newer.concord", json.dumps(doc))
        out = self.path("again.concord")
        r = concord("--export", out, p)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            back = json.load(f)
        self.assertEqual(back["sheets"][1], doc["sheets"][1])
        self.assertEqual([s["id"] for s in back["sheets"]], ["m1", "t1", "f1"])
        pdf = self.path("newer.pdf")
        r = concord("--export", pdf, p)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("CRITICAL", r.stderr)
        self.assertIn("2. Milestones — Sheet of a newer Concord", normalise(pdftotext(pdf)))

    def test_notepad_file_opens(self):
        # As Windows Notepad saves: a UTF-8 byte order mark and CRLF line ends.
        text = ('{\r\n  "format": "concord-project",\r\n  "version": 1,\r\n  "title": "Café partnership",\r\n'
                '  "actors": [{"id": "a1", "name": "Council"}],\r\n'
                '  "sheets": [{"id": "m1", "type": "map", "title": "Today",\r\n'
                '    "nodes": [{"id": "n1", "actor": "a1", "x": 0, "y": 0}]}]\r\n}\r\n')
        p = self.write("notepad.concord", b"\xef\xbb\xbf" + text.encode("utf-8"))
        r = concord("--validate", p)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: the file starts with a byte order mark, which is ignored", r.stderr)
        out = self.path("resaved.concord")
        r = concord("--export", out, p)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            data = f.read()
        self.assertFalse(data.startswith(b"\xef\xbb\xbf"))
        self.assertNotIn(b"\r\n", data)
        self.assertEqual(json.loads(data)["title"], "Café partnership")
        # An error after the mark is placed as an editor shows it
        bad = self.write("notepad-bad.concord", b"\xef\xbb\xbf" + b'{"format": "concord-project", "version": 1, "title": 5}')
        r = concord("--validate", bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("title: expected a string, found a number", r.stderr)

    def test_symlink_to_a_device_is_refused(self):
        link = self.path("zero.concord")
        os.symlink("/dev/zero", link)
        r = concord("--validate", link, timeout=10)
        self.assertEqual(r.returncode, 2)
        self.assertIn("it is a device, not a file", r.stderr)


class Arguments(Base):
    def check(self, args, words):
        r = concord(*args)
        self.assertEqual(r.returncode, 2, f"{args}: {r.stderr}")
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("concord: "), r.stderr)
        self.assertIn(words, lines[0])

    def test_wrong_arguments(self):
        self.check(["--export", self.path("x.pdf")], "needs the project file")
        self.check(["--export", self.path("x.doc"), EXAMPLE], ".pdf, .svg, .png or .concord")
        self.check(["--export", self.path("x.pdf"), EXAMPLE, EXAMPLE], "one project file")
        self.check(["--export", self.path("x.pdf"), "--sheet", "Nope", EXAMPLE], "no sheet “Nope”")
        self.check(["--export", self.path("x.concord"), "--sheet", "Nope", EXAMPLE], "--sheet does not apply")
        self.check(["--validate", EXAMPLE, "--export", self.path("x.pdf")], "not both")
        self.check(["--validate"], "Missing argument")
        self.check(["--validate", EXAMPLE, "--frobnicate"], "Unknown option")
        self.check(["--export", self.path("x.pdf"), self.path("missing.concord")], "cannot read")
        self.check(["--sheet", "Map", EXAMPLE], "go with --export")
        self.check(["--validate", EXAMPLE, "--draft"], "go with --export")
        # The handout's and the image's options, with wrong values or the wrong output
        pdf, png, svg = self.path("x.pdf"), self.path("x.png"), self.path("x.svg")
        self.check(["--export", pdf, "--paper", "a5", EXAMPLE], "unknown paper “a5”")
        for tile in ("0x2", "2x0", "11x1", "2", "2x", "x2", "2x3x4", "-1x2", "2 x 3"):
            self.check(["--export", pdf, "--tile", tile, EXAMPLE], f"--tile “{tile}”")
        self.check(["--export", png, "--dpi", "50", EXAMPLE], "--dpi 50 is out of range: from 96 to 600")
        self.check(["--export", png, "--dpi", "601", EXAMPLE], "out of range")
        self.check(["--export", png, "--dpi", "lots", EXAMPLE], "Cannot parse integer value")
        self.check(["--export", pdf, "--dpi", "300", EXAMPLE], "apply to a PNG only")
        self.check(["--export", svg, "--transparent", EXAMPLE], "apply to a PNG only")
        for option in ("--landscape", "--draft", "--no-appendix"):
            self.check(["--export", png, option, EXAMPLE], "apply to a PDF only")
        self.check(["--export", svg, "--paper", "a3", EXAMPLE], "apply to a PDF only")
        self.check(["--export", png, "--tile", "2x2", EXAMPLE], "apply to a PDF only")

    def test_help_lists_the_verbs(self):
        r = concord("--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        for option in ("--export=OUT", "--sheet=SHEET", "--validate=FILE"):
            self.assertIn(option, r.stdout)

    def test_unwritable_output(self):
        self.check(["--export", os.path.join(self.tmp, "no", "such", "dir", "x.pdf"), EXAMPLE], "cannot write")


class Export(Base):
    def example(self):
        with open(EXAMPLE) as f:
            return json.load(f)

    def pdfinfo(self, path, *args):
        return subprocess.run(["pdfinfo", *args, path], capture_output=True, text=True, check=True).stdout

    def pages(self, path):
        return int(re.search(r"Pages:\s+(\d+)\n", self.pdfinfo(path)).group(1))

    def page_sizes(self, path):
        info = self.pdfinfo(path, "-f", "1", "-l", "999")
        return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]

    def test_appendix_keeps_headings_with_their_text(self):
        # However long the list of organisations, no heading ends a page,
        # and a map's links read as a reader expects.
        headings = {"Organisations", "Links", "Today's partnerships", "Appendix: what is behind the drawings"}
        for n in range(24, 96, 3):
            actors = [{"id": f"a{i}", "name": f"Organisation number {i} of the {n}", "sector": "voluntary",
                       "notes": "Runs the food bank and the advice line on weekdays."} for i in range(n)]
            nodes = [{"id": f"n{i}", "actor": f"a{i}", "x": (i % 10) * 150, "y": (i // 10) * 90} for i in range(n)]
            links = [{"id": f"l{i}", "from": f"n{i}", "to": f"n{(i + 1) % n}", "type": "strategic",
                      "directed": i % 2 == 0} for i in range(n)]
            doc = {"format": "concord-project", "version": 1, "title": "Long list",
                   "actors": actors, "sheets": [{"id": "m1", "type": "map", "title": "Today's partnerships",
                                                 "nodes": nodes, "links": links}]}
            src = self.write(f"long-{n}.concord", json.dumps(doc))
            out = self.path(f"long-{n}.pdf")
            r = concord("--export", out, "--portrait", src)
            self.assertEqual(r.returncode, 0, r.stderr)
            text = subprocess.run(["pdftotext", "-raw", out, "-"], capture_output=True, text=True, check=True).stdout
            for number, page in enumerate(text.split("\f")[2:], start=3):
                lines = [l.strip() for l in page.splitlines() if l.strip() and not re.match(r"Page \d+ of \d+$", l.strip())]
                if lines:
                    self.assertNotIn(lines[-1], headings, f"{n} organisations: page {number} ends with a heading")
            self.assertIn("Organisation number 0 of the %d: to Organisation number 1 of the %d (Strategic partnership, strength 3)" % (n, n),
                          normalise(text))
            self.assertNotIn("; —", text)

    def test_sheets_take_the_orientation_that_fits(self):
        # The example's maps are wide: landscape pages without any option;
        # the cover and the appendix keep the paper's portrait.
        doc = self.example()
        out = self.path("fit.pdf")
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        sizes = self.page_sizes(out)
        self.assertEqual(sizes[0], (595.28, 841.89))
        for i, sheet in enumerate(doc["sheets"]):
            if sheet["type"] == "map":
                self.assertEqual(sizes[1 + i], (841.89, 595.28), sheet["title"])
        self.assertEqual(sizes[-1], (595.28, 841.89))
        # Chosen: every page so
        for option, size in (("--portrait", (595.28, 841.89)), ("--landscape", (841.89, 595.28))):
            out = self.path("all" + option + ".pdf")
            r = concord("--export", out, option, EXAMPLE)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(set(self.page_sizes(out)), {size}, option)
        r = concord("--export", self.path("both.pdf"), "--portrait", "--landscape", EXAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("either --landscape or --portrait", r.stderr)

    def test_pdf_handout_pages_and_text(self):
        out = self.path("all.pdf")
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = self.example()
        info = self.pdfinfo(out)
        # A cover, a page a sheet, and the appendix over one page or more
        n = self.pages(out)
        self.assertGreater(n, len(doc["sheets"]) + 1)
        self.assertIn("Page size:       595.28 x 841.89 pts (A4)", info)
        self.assertIn("Title:           " + doc["title"], info)
        self.assertIn("Author:          " + doc["meta"]["author"], info)
        self.assertIn("Subject:         " + doc["meta"]["description"][:40], info)
        text = normalise(pdftotext(out))
        for i in range(1, n + 1):
            self.assertIn(f"Page {i} of {n}", text)
        # The cover lists the sheets
        cover = normalise(pdftotext_page(out, 1))
        self.assertIn(doc["title"], cover)
        for sheet in doc["sheets"]:
            self.assertIn(normalise(sheet["title"]), cover)
        actors = {a["id"]: a for a in doc["actors"]}
        for sheet in doc["sheets"]:
            self.assertIn(normalise(sheet["title"]), text)
            if sheet["type"] == "map":
                for node in sheet["nodes"]:
                    name = normalise(actors[node["actor"]]["name"])
                    # On the map (maybe wrapped), and whole in the appendix, with the notes
                    self.assertIn(name, text, name)
                    if actors[node["actor"]].get("notes"):
                        self.assertIn(normalise(actors[node["actor"]]["notes"]), text)
                for link in sheet["links"]:
                    if link.get("notes"):
                        self.assertIn(normalise(link["notes"]), text)
            elif sheet["type"] == "forcefield":
                for force in sheet["forces"]:
                    self.assertIn(normalise(force["label"]), text)
                drive = sum(f["strength"] for f in sheet["forces"] if f["side"] == "driving")
                resist = sum(f["strength"] for f in sheet["forces"] if f["side"] == "resisting")
                self.assertIn(f"Driving forces: total {drive}", text)
                self.assertIn(f"Resisting forces: total {resist}", text)
            elif sheet["type"] == "canvas":
                for card in sheet["cards"]:
                    if card.get("text"):
                        self.assertIn(normalise(card["text"]), text)
        self.assertIn("Total gain 41, total pain 8", text)
        # One bookmark a sheet, and the appendix
        with open(out, "rb") as f:
            data = f.read()
        self.assertIn(b"/Outlines", data)
        for sheet in doc["sheets"]:
            self.assertIn(b"/Title (" + sheet["title"].encode("latin-1") + b")", data)
        # Every page draws something
        for i in range(1, n + 1):
            self.assertGreater(ink_of_page(out, i), 0.002, f"page {i} is blank")

    def assertMembersInOrder(self, out, pages, n, after_number):
        # The appendix (after the cover and the map) lists "Member 0000" to
        # n - 1 once each, in order, each with its "Note for member 0000"
        # and what follows the number; returns the appendix's text.
        text = "".join(normalise(pdftotext_page(out, p)) for p in range(3, pages + 1))
        where = -1
        for i in range(n):
            entry = text.find(f"Member {i:04d}", where + 1)
            self.assertGreater(entry, where, f"Member {i:04d} is missing or out of order")
            self.assertIn(f"Note for member {i:04d}{after_number}", text[entry:entry + 400])
            where = entry
        return text

    def test_long_appendix_keeps_every_entry_in_order(self):
        # Enough organisations that the appendix is set on several threads:
        # every one is listed once, in order, with its notes, and the page
        # numbers run on without a gap.
        n = 900
        doc = {"format": "concord-project", "version": 1, "title": "Long appendix",
               "actors": [{"id": f"a{i}", "name": f"Member {i:04d}", "sector": "voluntary",
                           "notes": f"Note for member {i:04d}."} for i in range(n)],
               "sheets": [{"id": "m", "type": "map", "title": "Everyone",
                           "nodes": [{"id": f"n{i}", "actor": f"a{i}", "x": (i % 30) * 180, "y": (i // 30) * 120}
                                     for i in range(n)],
                           "links": [{"id": f"l{i}", "from": f"n{i}", "to": f"n{(i + 1) % n}", "type": "strategic",
                                      "strength": 1 + i % 5} for i in range(n)]}]}
        src = self.path("long.concord")
        with open(src, "w") as f:
            json.dump(doc, f)
        out = self.path("long.pdf")
        r = concord("--export", out, src)
        self.assertEqual(r.returncode, 0, r.stderr)
        pages = self.pages(out)
        self.assertMembersInOrder(out, pages, n, ".")
        full = normalise(pdftotext(out))
        for p in range(1, pages + 1):
            self.assertIn(f"Page {p} of {pages}", full)

    def test_appendix_columns_follow_the_paper(self):
        # Lines of a readable length: one column on portrait A4, two on
        # landscape A4, three across landscape A3, each entry whole in one.
        exe = shutil.which("pdftotext")
        if exe is None:
            raise unittest.SkipTest("pdftotext is not installed")
        out = self.path("columns.pdf")
        for args, columns in ((["--paper", "a4"], 1), (["--paper", "a4", "--landscape"], 2),
                              (["--paper", "a3", "--landscape"], 3)):
            r = concord("--export", out, *args, EXAMPLE)
            self.assertEqual(r.returncode, 0, r.stderr)
            pages = self.pages(out)
            html = subprocess.run([exe, "-bbox-layout", "-f", str(pages - 1), "-l", str(pages - 1), out, "-"],
                                  capture_output=True, text=True, check=True).stdout
            # Where the lines between the title block and the footer start:
            # each column's left edge (notes a little in)
            height = float(re.search(r'<page width="[0-9.]+" height="([0-9.]+)"', html).group(1))
            starts = sorted(float(x) for x, y0, y1 in
                            re.findall(r'<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"',
                                       html)
                            if float(y0) > 100 and float(y1) < height - 60)
            lefts = [starts[0]]
            for x in starts:
                if x - lefts[-1] > 150:
                    lefts.append(x)
            self.assertEqual(len(lefts), columns, (args, lefts))

    def test_appendix_mixes_scripts_without_overlap(self):
        # Names and notes in Latin letters, in other scripts, with emoji and
        # tabs: each entry in order with its notes, and no line of the
        # appendix set over another, whichever way each entry was set.
        exe = shutil.which("pdftotext")
        if exe is None:
            raise unittest.SkipTest("pdftotext is not installed")
        extras = ["", " 合作伙伴中心", " Сотрудничество центр", " Zoë’s Café — co-operation", " 🤝 together", " شراكة المجتمع",
                  " well-known\tlong-term"]
        n = 300
        doc = {"format": "concord-project", "version": 1, "title": "Mixed appendix",
               "actors": [{"id": f"a{i}", "name": f"Member {i:04d}{extras[i % len(extras)] if i % 2 else ''}",
                           "sector": "community",
                           "notes": f"Note for member {i:04d}:{extras[i // 2 % len(extras)] if i % 3 == 0 else ''} and "
                                    f"a line or two more about the work it does with its partners across the area."}
                          for i in range(n)],
               "sheets": [{"id": "m", "type": "map", "title": "Everyone",
                           "nodes": [{"id": f"n{i}", "actor": f"a{i}", "x": (i % 20) * 180, "y": (i // 20) * 120}
                                     for i in range(n)]}]}
        src = self.path("mixed.concord")
        with open(src, "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        out = self.path("mixed.pdf")
        r = concord("--export", out, "--paper", "a4", "--landscape", src)
        self.assertEqual(r.returncode, 0, r.stderr)
        pages = self.pages(out)
        text = self.assertMembersInOrder(out, pages, n, ":")
        self.assertIn("Zoë’s Café — co-operation", text)
        self.assertIn("Сотрудничество центр", text)
        for p in range(3, pages + 1):
            html = subprocess.run([exe, "-bbox-layout", "-f", str(p), "-l", str(p), out, "-"],
                                  capture_output=True, text=True, check=True).stdout
            # (Not the rows of digits in Pango's box for a character no font has)
            lines = [box for box in (tuple(float(v) for v in m) for m in
                     re.findall(r'<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)"', html))
                     if box[3] - box[1] > 6]
            for a in lines:
                for b in lines:
                    if a is b or a[2] <= b[0] or b[2] <= a[0]:
                        continue
                    # Lines in a column: one above the other. Boxes at the
                    # same height, or one within another's height, are one
                    # line in parts (pdftotext splits a line around those boxes).
                    overlap = min(a[3], b[3]) - max(a[1], b[1])
                    if (a[1] >= b[1] - 0.5 and a[3] <= b[3] + 0.5) or (b[1] >= a[1] - 0.5 and b[3] <= a[3] + 0.5):
                        continue
                    self.assertLess(overlap, 1.0, f"page {p}: lines at {a} and {b} overlap")

    def test_sheets_only_papers_and_orientation(self):
        doc = self.example()
        out = self.path("sheets.pdf")
        sizes = {"a4": "595.28 x 841.89", "a3": "841.89 x 1190.55", "letter": "612 x 792", "legal": "612 x 1008"}
        for paper, size in sizes.items():
            r = concord("--export", out, "--no-appendix", "--paper", paper.upper(), "--portrait", EXAMPLE)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(self.pages(out), len(doc["sheets"]))
            self.assertIn(f"Page size:       {size} pts", self.pdfinfo(out))
            r = concord("--export", out, "--no-appendix", "--paper", paper, "--landscape", EXAMPLE)
            self.assertEqual(r.returncode, 0, r.stderr)
            w, h = size.split(" x ")
            self.assertIn(f"Page size:       {h} x {w} pts", self.pdfinfo(out))

    def test_sheets_by_title_and_id_repeated(self):
        doc = self.example()
        ff = next(s for s in doc["sheets"] if s["type"] == "forcefield")
        maps = [s for s in doc["sheets"] if s["type"] == "map"]
        out = self.path("two.pdf")
        r = concord("--export", out, "--no-appendix", "--sheet", ff["id"], "--sheet", maps[1]["title"], EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.pages(out), 2)
        # In the order asked for
        self.assertIn(normalise(ff["title"]), normalise(pdftotext_page(out, 1)))
        self.assertIn(normalise(maps[1]["title"]), normalise(pdftotext_page(out, 2)))

    def test_poster_tiles_and_draft(self):
        doc = self.example()
        out = self.path("poster.pdf")
        r = concord("--export", out, "--sheet", doc["sheets"][0]["id"], "--tile", "2x3", "--paper", "a3", "--portrait",
                    "--draft", "--no-appendix", EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.pages(out), 6)
        self.assertIn("Page size:       841.89 x 1190.55 pts", self.pdfinfo(out))
        for i, (row, col) in enumerate(((1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2)), start=1):
            page = normalise(pdftotext_page(out, i))
            self.assertIn(f"Row {row}, column {col} of 2 × 3", page)
            self.assertIn(f"Page {i} of 6", page)
            self.assertIn("DRAFT", page)
            # The legend on every tile
            self.assertIn("Legend", page)
            self.assertGreater(ink_of_page(out, i), 0.002, f"tile {i} is blank")
        # Every organisation of the map is on one tile or another
        text = normalise(pdftotext(out))
        actors = {a["id"]: a["name"] for a in doc["actors"]}
        for node in doc["sheets"][0]["nodes"]:
            self.assertIn(normalise(actors[node["actor"]])[:12], text)

    def test_one_sheet_by_title_and_id(self):
        doc = self.example()
        ff = next(s for s in doc["sheets"] if s["type"] == "forcefield")
        for key in (ff["title"], ff["id"]):
            out = self.path("ff.pdf")
            r = concord("--export", out, "--no-appendix", "--sheet", key, EXAMPLE)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(self.pages(out), 1)
            text = normalise(pdftotext(out))
            self.assertIn(normalise(ff["change"])[:20], text)
            for force in ff["forces"]:
                self.assertIn(normalise(force["label"])[:18], text)

    def test_forcefield_pdf_holds_scores_plans_and_totals(self):
        doc = self.example()
        ff = next(s for s in doc["sheets"] if s["type"] == "forcefield")
        actor = doc["actors"][0]
        first, second = ff["forces"][0], ff["forces"][1]
        first["scores"] = [{"participant": "Ann", "score": 2}, {"participant": "Raj", "score": 5},
                           {"participant": "3", "score": 4}]
        first["strength"] = 4
        second.update({"plan": "Joint budget workshop", "owner": "Programme lead", "due": "2027-03-31",
                       "actor": actor["id"]})
        path = self.path("ff.concord")
        for view in ("now", "planned"):
            ff["view"] = view
            with open(path, "w") as f:
                json.dump(doc, f)
            out = self.path(f"ff-{view}.pdf")
            r = concord("--export", out, "--sheet", ff["id"], path)
            self.assertEqual(r.returncode, 0, r.stderr)
            text = normalise(pdftotext(out))
            self.assertIn(normalise(ff["change"])[:20], text)
            for force in ff["forces"]:
                self.assertIn(normalise(force["label"])[:18], text)
            now_d = sum(f["strength"] for f in ff["forces"] if f["side"] == "driving")
            now_r = sum(f["strength"] for f in ff["forces"] if f["side"] == "resisting")

            def planned(f):
                if "planned" in f:
                    return f["planned"]
                return 0 if f.get("action") == "remove" else f["strength"]
            plan_d = sum(planned(f) for f in ff["forces"] if f["side"] == "driving")
            plan_r = sum(planned(f) for f in ff["forces"] if f["side"] == "resisting")
            self.assertIn("3 scores, 2 to 5 — discuss", text)
            self.assertIn("Programme lead, by 31 Mar 2027", text)
            self.assertIn("Plan: Joint budget workshop", text)
            self.assertIn(normalise("About: " + actor["name"])[:24], text)
            if view == "now":
                self.assertIn(f"Driving forces: total {now_d}", text)
                self.assertIn(f"Resisting forces: total {now_r}", text)
                self.assertIn(f"Planned: driving {plan_d}, resisting {plan_r}", text)
            else:
                self.assertIn(f"Driving forces: {plan_d} after the plan (now {now_d})", text)
                self.assertIn(f"Resisting forces: {plan_r} after the plan (now {now_r})", text)
                self.assertIn("After the plan, ", text)
                self.assertIn("The plan moves the balance", text)

    def test_svg_and_png(self):
        out = self.path("map.svg")
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            svg = f.read()
        self.assertIn("<svg", svg)
        out = self.path("map.png")
        r = concord("--export", out, "--sheet", self.example()["sheets"][2]["id"], EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_concord_resave_is_identical(self):
        out = self.path("copy.concord")
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as a, open(EXAMPLE) as b:
            self.assertEqual(a.read(), b.read())

    def test_unknown_members_survive_resave(self):
        doc = self.example()
        doc["version"] = 2
        doc["plugin_data"] = {"kumu": {"id": 17, "views": ["a", "b"]}}
        doc["meta"]["licence"] = "CC-BY-4.0"
        doc["actors"][0]["website"] = "https://riverside.example"
        doc["link_types"][0]["curve"] = 0.25
        doc["sheets"][0]["viewport"] = {"zoom": 1.5}
        doc["sheets"][0]["nodes"][0]["pinned"] = True
        doc["sheets"][0]["links"][0]["evidence"] = [{"source": "minutes", "date": "2026-01-05"}]
        ff = next(s for s in doc["sheets"] if s["type"] == "forcefield")
        ff["forces"][0]["votes"] = [3, 4, 5]
        cv = next(s for s in doc["sheets"] if s["type"] == "canvas")
        cv["cards"][0]["sticky"] = {"w": 2}
        p = self.write("newer.concord", json.dumps(doc, indent=1))
        out = self.path("resaved.concord")
        r = concord("--export", out, p)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            back = json.load(f)
        self.assertEqual(back["version"], 2)
        self.assertEqual(back["plugin_data"], doc["plugin_data"])
        self.assertEqual(back["meta"]["licence"], "CC-BY-4.0")
        self.assertEqual(back["actors"][0]["website"], "https://riverside.example")
        self.assertEqual(back["link_types"][0]["curve"], 0.25)
        self.assertEqual(back["sheets"][0]["viewport"], {"zoom": 1.5})
        self.assertIs(back["sheets"][0]["nodes"][0]["pinned"], True)
        self.assertEqual(back["sheets"][0]["links"][0]["evidence"], doc["sheets"][0]["links"][0]["evidence"])
        ffb = next(s for s in back["sheets"] if s["type"] == "forcefield")
        self.assertEqual(ffb["forces"][0]["votes"], [3, 4, 5])
        cvb = next(s for s in back["sheets"] if s["type"] == "canvas")
        self.assertEqual(cvb["cards"][0]["sticky"], {"w": 2})

    def test_written_files_match_the_schema(self):
        if not os.path.exists(CHECK_SCHEMA):
            self.skipTest("no schema checker")
        out = self.path("written.concord")
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        v = subprocess.run([sys.executable, CHECK_SCHEMA, SCHEMA, out], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_damaged_file_exports_nothing(self):
        p = self.write("bad.concord", '{"format": "concord-project", "version": 1, "title": 3}')
        out = self.write("old.pdf", "old")
        r = concord("--export", out, p)
        self.assertEqual(r.returncode, 1)
        self.assertIn("title: expected a string", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "old")

    def test_failed_write_keeps_old_file(self):
        # A folder where the output should go: nothing is harmed.
        out = os.path.join(self.tmp, "busy.pdf")
        os.mkdir(out)
        r = concord("--export", out, EXAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertTrue(os.path.isdir(out))
        self.assertEqual(os.listdir(self.tmp), ["busy.pdf"])

    def test_export_into_read_only_folder_keeps_old_file(self):
        # A handout already in a folder the user may not write to: the export
        # fails with a reason, and the old handout is untouched, nothing beside it.
        folder = self.path("shared")
        os.mkdir(folder)
        old = os.path.join(folder, "handout.pdf")
        with open(old, "wb") as f:
            f.write(b"%PDF-1.5 the handout from last week")
        os.chmod(folder, 0o555)
        try:
            cmd = [CONCORD, "--export", old, EXAMPLE]
            if os.geteuid() == 0:
                # root writes anywhere: export as an ordinary user, as a facilitator would
                setpriv = shutil.which("setpriv")
                if setpriv is None:
                    self.fail("setpriv (util-linux) is needed to test as an ordinary user")
                os.chmod(self.tmp, 0o755)
                cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
            r = subprocess.run(cmd, capture_output=True, text=True, env=headless_env(), timeout=120)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("cannot write", r.stderr)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            with open(old, "rb") as f:
                self.assertEqual(f.read(), b"%PDF-1.5 the handout from last week")
            self.assertEqual(os.listdir(folder), ["handout.pdf"])
        finally:
            os.chmod(folder, 0o755)


class Hostile(Base):
    """Damaged and hostile files never crash the validator or the exporter."""

    def test_text_of_the_file_cannot_reorder_concords_own(self):
        # A title and names with a right-to-left override, which would run
        # on over Concord's words and numbers after them, and a name in
        # Arabic, which would turn its line right to left: on paper each
        # stays in its place among Concord's words (U+2068 … U+2069 around
        # it), and reads as its own direction has it.
        rlo = "\u202e"
        arabic = "مجلس الصحة"
        doc = {"format": "concord-project", "version": 1, "title": "Riverside " + rlo + "review",
               "meta": {"author": rlo + "author"},
               "actors": [{"id": "a1", "name": rlo + "Health Board", "sector": "public"},
                          {"id": "a2", "name": arabic, "sector": "voluntary"},
                          {"id": "a3", "name": "Council", "sector": "public"}],
               "sheets": [{"id": "m", "type": "map", "title": rlo + "Partnership map",
                           "nodes": [{"id": "n1", "actor": "a1", "x": 0, "y": 0},
                                     {"id": "n2", "actor": "a2", "x": 240, "y": 0},
                                     {"id": "n3", "actor": "a3", "x": 120, "y": 160}],
                           "links": [{"id": "l1", "from": "n1", "to": "n2", "type": "strategic", "strength": 3},
                                     {"id": "l2", "from": "n2", "to": "n3", "type": "statutory", "strength": 2}]}]}
        src = self.write("rlo.concord", json.dumps(doc, ensure_ascii=False))
        out = self.path("rlo.pdf")
        r = concord("--export", out, src)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The cover: the contents line reads "1.", the title (turned round
        # by its own override), Concord's "— Partnership map", its page
        contents = seen(line_of_words(out, 1, "page"))
        self.assertTrue(contents.startswith("1. pam pihsrentraP — Partnership map"), contents)
        self.assertTrue(contents.endswith("page 2"), contents)
        self.assertTrue(seen(line_of_words(out, 1, "December")).startswith("rohtua ·"))
        # The appendix: Concord's words after each name, in order
        self.assertTrue(seen(line_of_words(out, 3, "Public,", 0)).startswith("draoB htlaeH — Public, Organisation"))
        # The Arabic name reads right to left (its first letter rightmost),
        # and stands before Concord's words, as the line is left to right
        words = line_of_words(out, 3, "Voluntary,")
        dash = next(w for w in words if w[2] == "—")
        voluntary = next(w for w in words if w[2] == "Voluntary,")
        letters = [w for w in words if any("\u0600" <= c <= "\u06ff" for c in w[2])]
        self.assertTrue(letters)
        self.assertLess(max(w[1] for w in letters), dash[0] + 0.5)
        self.assertLess(dash[1], voluntary[0])
        first = next(w for w in letters if arabic[0] in w[2])
        last = next(w for w in letters if arabic[-1] in w[2])
        self.assertGreater(first[0], last[0])
        # A link from the overridden name to the Arabic one: the brackets of
        # Concord's "(Strategic partnership, strength 3)" after both
        link = seen(line_of_words(out, 3, "(Strategic"))
        self.assertTrue(link.startswith("draoB htlaeH: with "), link)
        self.assertTrue(link.endswith("(Strategic partnership, strength 3)"), link)
        # The controls are drawn as nothing: no box for a missing glyph
        text = pdftotext(out)
        self.assertNotIn("\ufffd", text)

    def run_all(self, data, name="h.concord"):
        p = self.write(name, data)
        r = concord("--validate", p)
        self.assertNoCrash(r, f"validate {name}")
        self.assertIn(r.returncode, (0, 1), r.stderr)
        if r.returncode == 1:
            self.assertTrue(r.stderr.strip(), "an invalid file must say why")
        return p, r

    def test_truncations(self):
        with open(EXAMPLE, "rb") as f:
            data = f.read()
        rng = random.Random(1)
        for cut in sorted(rng.sample(range(1, len(data) - 2), 40)):
            _, r = self.run_all(data[:cut])
            self.assertEqual(r.returncode, 1)

    def test_byte_flips(self):
        with open(EXAMPLE, "rb") as f:
            data = bytearray(f.read())
        rng = random.Random(2)
        for i in range(60):
            d = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                d[rng.randrange(len(d))] = rng.randrange(256)
            p, r = self.run_all(bytes(d))
            e = concord("--export", self.path("o.pdf"), p)
            self.assertNoCrash(e, "export of a damaged file")
            self.assertIn(e.returncode, (0, 1))

    def test_structural_mutations(self):
        with open(EXAMPLE) as f:
            base = json.load(f)
        rng = random.Random(3)
        values = [None, True, 0, -1, 1e308, -1e308, 2**70, "", "x" * 70000, [], {}, [[[]]], "n1", "#zzzzzz",
                  "2026-13-45T99:99:99Z", 3.5, "\u202e\u0301", {"id": "a1"}]

        def walk(node, out, path=()):
            out.append(path)
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, out, path + (k,))
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, out, path + (i,))

        paths = []
        walk(base, paths)
        for i in range(80):
            doc = json.loads(json.dumps(base))
            for _ in range(rng.randint(1, 4)):
                path = rng.choice(paths[1:])
                target = doc
                try:
                    for k in path[:-1]:
                        target = target[k]
                    if rng.random() < 0.2 and isinstance(target, dict):
                        del target[path[-1]]
                    else:
                        target[path[-1]] = rng.choice(values)
                except (KeyError, IndexError, TypeError):
                    pass
            p, _ = self.run_all(json.dumps(doc))
            e = concord("--export", self.path("o.pdf"), p)
            self.assertNoCrash(e, "export of a mutated file")

    def test_deep_nesting(self):
        self.run_all("[" * 100000 + "]" * 100000)
        self.run_all('{"format": "concord-project", "version": 1, "title": "x", "a": ' + "{\"a\":" * 50000 + "1" + "}" * 50000 + "}")

    def test_odd_inputs(self):
        for data in [b"", b"\x00\x00\x00", b"\xef\xbb\xbf{}", b"null", b"1e999", b'"\\ud800"',
                     b'{"format": "concord-project", "version": 1, "title": "x", "title": "y"}',
                     b'{"format": "concord-project", "version": 99999999999999999999, "title": "x"}',
                     b'{"format": "concord-project", "version": 1, "title": "A\\u0000B"}',
                     b"\xff\xfe{\x00}\x00", b"{" * 10 + b"/*", b"[NaN, Infinity, 0x10, 'a']"]:
            _, r = self.run_all(data)
            self.assertEqual(r.returncode, 1, data)


OWN_TEMPLATE = {
    "format": "concord-template", "version": 1,
    "id": "my-own-health-check", "title": "Partnership health check",
    "columns": 2, "rows": 2,
    "panels": [
        {"id": "trust", "title": "Trust between partners", "col": 0, "row": 0, "score": "gain"},
        {"id": "vision", "title": "A common vision", "col": 1, "row": 0, "score": "gain"},
        {"id": "conflict", "title": "Ways to settle conflict", "col": 0, "row": 1, "score": "pain"},
        {"id": "funding", "title": "Simple, long-term funding", "col": 1, "row": 1, "card_color": "#d6e6fb"},
    ],
}

OWN_PROJECT = {
    "format": "concord-project", "version": 1, "title": "Health check",
    "sheets": [{"id": "cv", "type": "canvas", "title": "Our partnership's health", "template": "my-own-health-check",
                "cards": [{"id": "c1", "panel": "trust", "text": "Partners share bad news early", "score": 4},
                          {"id": "c2", "panel": "conflict", "text": "No agreed way to escalate", "score": 2},
                          {"id": "c3", "panel": "funding", "text": "Three-year budget agreed"}],
                "links": []}],
}


class Templates(Base):
    """Canvas templates are data: a grid, templates of one's own that travel
    inside the project, and broken template files that are skipped."""

    def data_home(self, name, templates=()):
        home = self.path(name)
        os.makedirs(os.path.join(home, "concord", "templates"))
        for file_name, text in templates:
            with open(os.path.join(home, "concord", "templates", file_name), "w", encoding="utf-8") as f:
                f.write(text)
        return home

    def run_with(self, home, *args):
        env = headless_env()
        env["XDG_DATA_HOME"] = home
        env["XDG_DATA_DIRS"] = self.path("no-system-data")
        return subprocess.run([CONCORD, *args], capture_output=True, text=True, env=env, timeout=120)

    def test_grid_pdf_holds_quadrants_and_organisations(self):
        out = self.path("grid.pdf")
        r = concord("--export", out, "--sheet", "Who to engage on the employability service", EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = normalise(pdftotext(out))
        for words in ("Keep satisfied", "Manage closely", "Keep informed", "Monitor", "Power", "Interest",
                      "Riverside Council", "Holds the pooled budget", "Millbank Foods", "Riverside Food Bank",
                      "Second Chance Employment Trust", "Riverside Police Division"):
            self.assertIn(words, text)

    def test_own_template_travels_with_the_project(self):
        mine = self.data_home("mine", [("health.json", json.dumps(OWN_TEMPLATE))])
        theirs = self.data_home("theirs")
        original = self.write("health.concord", json.dumps(OWN_PROJECT))
        saved = self.path("saved.concord")

        # On the machine with the template: the saved project keeps a copy.
        r = self.run_with(mine, "--export", saved, original)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(saved, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual([t["id"] for t in doc["templates"]], ["my-own-health-check"])
        self.assertNotIn("format", doc["templates"][0])

        # On a colleague's machine without it: sound, and drawn the same.
        r = self.run_with(theirs, "--validate", saved)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr.strip(), "")
        for fmt in ("png", "svg"):
            a, b = self.path("mine." + fmt), self.path("theirs." + fmt)
            self.assertEqual(self.run_with(mine, "--export", a, original).returncode, 0)
            self.assertEqual(self.run_with(theirs, "--export", b, saved).returncode, 0)
            with open(a, "rb") as fa, open(b, "rb") as fb:
                self.assertEqual(fa.read(), fb.read(), fmt + " differs without the installed template")
        pdf = self.path("theirs.pdf")
        self.assertEqual(self.run_with(theirs, "--export", pdf, saved).returncode, 0)
        text = normalise(pdftotext(pdf))
        for words in ("Trust between partners", "A common vision", "Ways to settle conflict",
                      "Simple, long-term funding", "Partners share bad news early",
                      "Total gain 4 against total pain 2: gain outweighs pain"):
            self.assertIn(words, text)

        # The file without a copy, where the template is nowhere: a warning
        # that names the place, and the cards still all there.
        r = self.run_with(theirs, "--validate", original)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sheets[0].template", r.stderr)
        self.assertIn("my-own-health-check", r.stderr)
        self.assertEqual(self.run_with(theirs, "--export", pdf, original).returncode, 0)
        text = normalise(pdftotext(pdf))
        self.assertIn("No agreed way to escalate", text)
        self.assertNotIn("Ways to settle conflict", text)

    def test_broken_template_files_are_skipped(self):
        broken = self.data_home("broken", [
            ("a-truncated.json", json.dumps(OWN_TEMPLATE)[:80]),
            ("b-overlap.json", json.dumps(dict(OWN_TEMPLATE, panels=[
                {"id": "x", "title": "X", "col": 0, "row": 0, "col_span": 2},
                {"id": "y", "title": "Y", "col": 1, "row": 0}]))),
            ("c-deep.json", "[" * 100000 + "]" * 100000),
            ("d-good.json", json.dumps(OWN_TEMPLATE)),
        ])
        saved = self.path("saved.concord")
        r = self.run_with(broken, "--export", saved, self.write("h.concord", json.dumps(OWN_PROJECT)))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(saved, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["templates"][0]["panels"][0]["title"], "Trust between partners")
        r = self.run_with(broken, "--export", self.path("x.pdf"), EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
