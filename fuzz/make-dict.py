#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a libFuzzer dictionary from JSON Schemas: every member name, and the
words the format knows, quoted as in a file, then JSON's own tokens.

    fuzz/make-dict.py fuzz/load.dict "Concord project files" data/concord-project.schema.json
    fuzz/make-dict.py fuzz/clipboard.dict "Concord project files, as copied map items are" data/concord-project.schema.json
    fuzz/make-dict.py fuzz/template.dict "canvas template files" data/concord-template.schema.json
    fuzz/make-dict.py fuzz/force-library.dict "force library files" data/force-library.schema.json
"""
import json
import sys
def collect(path):
    s=json.load(open(path)); keys=set(); vals=set()
    def walk(o):
        if isinstance(o,dict):
            for k,v in o.items():
                if k=='properties' and isinstance(v,dict): keys.update(v.keys())
                if k=='enum': vals.update(x for x in v if isinstance(x,str) and x)
                if k=='const' and isinstance(v,str) and v: vals.add(v)
                if k=='pattern' : pass
                walk(v)
        elif isinstance(o,list):
            for x in o: walk(x)
    walk(s); return keys, vals
out, title = sys.argv[1], sys.argv[2]
keys=set(); vals=set()
for p in sys.argv[3:]:
    k,v=collect(p); keys|=k; vals|=v
lines=['# libFuzzer dictionary: %s' % title,
       '# Made from the JSON Schema(s) %s: every member name, and the words' % ', '.join(sys.argv[3:]),
       '# the format knows, each quoted as in a file; then JSON\'s own tokens.']
for k in sorted(keys): lines.append('key_%s="\\"%s\\":"' % (k.replace('-','_'), k))
for v in sorted(vals - keys): lines.append('word_%s="\\"%s\\""' % (v.replace('-','_'), v))
for name,tok in [('true','true'),('false','false'),('null','null'),('obj','{'),('obj_end','}'),('arr','['),('arr_end',']'),('colon',':'),('comma',','),('quote','\\"'),
                 ('escape_u','\\\\u0000'),('escape_surrogate','\\\\ud83d\\\\ude00'),('number_exp','1e308'),('number_neg','-0.5'),('number_big','9223372036854775808'),('colour','\\"#c64600\\"'),('date','\\"2026-01-31T09:00:00Z\\"')]:
    lines.append('json_%s="%s"' % (name, tok))
open(out,'w').write('\n'.join(lines)+'\n')
