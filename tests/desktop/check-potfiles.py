#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in is complete and up to date.

Usage: check-potfiles.py SOURCE_ROOT

Fails (exit status 1), listing the offending paths, when
  * a file under src/ or ui/ has translatable strings but is not listed,
  * a translatable file in data/ (desktop file, metainfo, GSettings schema)
    is not listed,
  * POTFILES.in lists a file that does not exist, or lists one twice.

Translatable strings are recognised as
  * C (.c, .h): _("…"), N_("…"), C_("…", "…"), NC_(…), Q_(…), and the gettext
    family (gettext, ngettext, g_dgettext, g_dngettext, g_dpgettext2, …) called
    with a string literal; comments and the contents of string literals are
    ignored, so a comment that mentions _("x") does not count;
  * GtkBuilder (.ui, and .xml/.in under src/ and ui/): translatable="yes";
  * data/*.desktop.in: Name, GenericName, Comment or Keywords keys;
  * data/*.metainfo.xml.in and data/*.appdata.xml.in: always;
  * data/*.gschema.xml: <summary> or <description>.
"""

import os
import re
import sys

SCANNED_TREES = ('src', 'ui')
SOURCE_SUFFIXES = ('.c', '.h', '.ui', '.in', '.xml')

C_MARKER = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(?:'
    r'(?:_|N_|Q_|C_|NC_)\s*\(\s*"'
    r'|(?:g_)?d?c?n?p?gettext2?\s*\(\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*,\s*)?"'
    r')')
UI_MARKER = re.compile(r'\btranslatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)
DESKTOP_MARKER = re.compile(r'^\s*(?:Name|GenericName|Comment|Keywords)\s*=', re.M)
GSCHEMA_MARKER = re.compile(r'<(?:summary|description)\b')


def strip_c(text):
    """Blank out comments and the contents of string and character literals.

    Quotes stay in place, so `_("Open")` becomes `_("")`, which the markers
    still recognise, while `/* _("x") */` and `"_(\\"x\\")"` do not match.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '/' and text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append('\n' * text.count('\n', i, end) or ' ')
            i = end
        elif c == '/' and text.startswith('//', i):
            end = text.find('\n', i)
            i = n if end < 0 else end
        elif c in '"\'':
            out.append(c)
            i += 1
            while i < n and text[i] != c and text[i] != '\n':
                i += 2 if text[i] == '\\' else 1
            if i < n and text[i] == c:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()


def is_build_dir(path, name):
    return (name.startswith('.')
            or name.startswith('build')
            or name.startswith('_build')
            or name == '__pycache__'
            or os.path.exists(os.path.join(path, 'meson-private'))
            or os.path.exists(os.path.join(path, 'build.ninja')))


def source_needs_listing(path):
    text = read(path)
    if path.endswith(('.c', '.h')):
        return C_MARKER.search(strip_c(text)) is not None
    return UI_MARKER.search(text) is not None


def data_needs_listing(path):
    name = os.path.basename(path)
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in',
                      '.metainfo.xml.in.in', '.appdata.xml.in.in')):
        return True
    text = read(path)
    if name.endswith(('.desktop.in', '.desktop.in.in')):
        return DESKTOP_MARKER.search(text) is not None
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return GSCHEMA_MARKER.search(text) is not None
    if name.endswith(('.ui', '.ui.in')):
        return UI_MARKER.search(text) is not None
    return False


def translatable_files(root):
    found = set()
    for tree in SCANNED_TREES:
        top = os.path.join(root, tree)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames
                                 if not is_build_dir(os.path.join(dirpath, d), d))
            for name in filenames:
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                if os.path.isfile(path) and source_needs_listing(path):
                    found.add(os.path.relpath(path, root).replace(os.sep, '/'))
    data = os.path.join(root, 'data')
    if os.path.isdir(data):
        for name in sorted(os.listdir(data)):
            path = os.path.join(data, name)
            if os.path.isfile(path) and data_needs_listing(path):
                found.add('data/' + name)
    return found


def listed_files(potfiles):
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            # "[encoding: UTF-8]" lines and "[type: gettext/glade]path" prefixes
            line = re.sub(r'^\[[^\]]*\]\s*', '', line)
            if line:
                listed.append(line)
    return listed


def main(argv):
    if len(argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles):
        print(f'{potfiles}: not found', file=sys.stderr)
        return 1

    listed = listed_files(potfiles)
    needed = translatable_files(root)
    ok = True

    duplicates = sorted({p for p in listed if listed.count(p) > 1})
    if duplicates:
        ok = False
        print('po/POTFILES.in lists these files more than once:')
        for p in duplicates:
            print(f'  {p}')

    absent = [p for p in listed if not os.path.isfile(os.path.join(root, p))]
    if absent:
        ok = False
        print('po/POTFILES.in lists files that do not exist:')
        for p in absent:
            print(f'  {p}')

    missing = sorted(needed - set(listed))
    if missing:
        ok = False
        print('Files with translatable strings missing from po/POTFILES.in:')
        for p in missing:
            print(f'  {p}')

    if ok:
        print(f'po/POTFILES.in: {len(listed)} files listed, '
              f'{len(needed)} with translatable strings found; all listed')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
