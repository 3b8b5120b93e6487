#!/bin/sh
# Refreshes the seeds of fuzz/corpus/ that are copies of the project's own
# files (the schemas' fixtures, the examples, the shipped data), so that a
# new fixture becomes a seed too. Seeds made otherwise (the texts of
# tests/io/test-load.c and test-hostile.c, payloads cc_clipboard_copy()
# wrote) are kept as they are: see fuzz/README.md.
set -eu
cd "$(dirname "$0")/.."

copy() {  # copy PREFIX DEST FILE...
  prefix=$1 dest=$2
  shift 2
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "fuzz/corpus/$dest/$prefix$(basename "$f")"
  done
}

copy example- load data/examples/*.concord
copy schema-valid- load tests/schema/valid/*
copy schema-invalid- load tests/schema/invalid/*
copy shipped- template data/templates/*.json
copy schema-invalid- template tests/schema/invalid-templates/*.json
copy shipped- force-library data/forces/*.json
copy schema-invalid- force-library tests/schema/invalid-forces/*.json
