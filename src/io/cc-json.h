/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A strict RFC 8259 JSON reader and a stable pretty writer.
 *
 * json-glib 1.6's own parser has no nesting limit (deep input overflows the
 * stack), accepts invalid JSON (comments, hex, single quotes), wraps integers
 * beyond 64 bits, lets duplicate keys override silently and truncates strings
 * at \u0000. This reader rejects all of that with a located error, and builds
 * json-glib nodes so the rest of Concord can use the json-glib API. */

#define CC_JSON_ERROR (cc_json_error_quark ())

typedef enum
{
  CC_JSON_ERROR_SYNTAX = 1,     /* not JSON */
  CC_JSON_ERROR_TRUNCATED,      /* ended before the document was complete */
  CC_JSON_ERROR_ENCODING,       /* not UTF-8, or a bad \u escape */
  CC_JSON_ERROR_LIMIT,          /* too deep, too long, too large */
  CC_JSON_ERROR_DUPLICATE_KEY,  /* the same member twice in one object */
  CC_JSON_ERROR_NUMBER,         /* a number that does not fit (not finite) */
} CcJsonError;

typedef struct
{
  guint  max_depth;          /* nesting of arrays and objects; 0: 128 */
  gsize  max_string_length;  /* bytes in one string, decoded; 0: 16 MiB */
  gsize  max_size;           /* bytes of input; 0: 512 MiB */
} CcJsonLimits;

GQuark     cc_json_error_quark (void);

/* Parses @len bytes of @data (need not be NUL-terminated). On failure
 * returns NULL and sets @error (domain CC_JSON_ERROR) with a message that
 * starts "line L, column C: "; *line and *column (1-based; may be NULL) tell
 * the place too. Columns count characters, not bytes. Numbers without a
 * fraction or exponent that fit in 64 bits become JSON_NODE_VALUE of type
 * gint64; all others become doubles (an integer too big for 64 bits is a
 * double, never wrapped). */
JsonNode  *cc_json_parse       (const char          *data,
                                gsize                len,
                                const CcJsonLimits  *limits,
                                guint               *line,
                                guint               *column,
                                GError             **error);

/* Pretty writer: two-space indent, members in their order, "key": value,
 * arrays of only scalars kept on one line when short, no trailing spaces.
 * Doubles use the shortest text that reads back to the same value, with ".0"
 * added when that text would look like an integer; strings are escaped as
 * RFC 8259 requires (control characters as \uXXXX or \n \t …, non-ASCII kept
 * as UTF-8, "/" not escaped). */
void       cc_json_write_node  (GString             *out,
                                JsonNode            *node,
                                guint                indent_level);
void       cc_json_write_string (GString            *out,
                                 const char         *str);
void       cc_json_write_double (GString            *out,
                                 double              value);
void       cc_json_write_indent (GString            *out,
                                 guint               indent_level);

G_END_DECLS
