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

/* The reader beneath cc_json_parse, for reading a large document without
 * building a tree: each call to cc_json_reader_next() gives one token, as
 * strictly checked as cc_json_parse checks (a duplicate member is an error
 * at its second name). After CC_JSON_TOKEN_ERROR the error is kept, with its
 * place; after the last token of the document comes CC_JSON_TOKEN_END, once
 * nothing but white space follows. */
typedef struct _CcJsonReader CcJsonReader;

typedef enum
{
  CC_JSON_TOKEN_ERROR,
  CC_JSON_TOKEN_END,
  CC_JSON_TOKEN_BEGIN_OBJECT,
  CC_JSON_TOKEN_END_OBJECT,
  CC_JSON_TOKEN_BEGIN_ARRAY,
  CC_JSON_TOKEN_END_ARRAY,
  CC_JSON_TOKEN_MEMBER,   /* a member's name (cc_json_reader_get_member); its value follows */
  CC_JSON_TOKEN_STRING,   /* cc_json_reader_get_string */
  CC_JSON_TOKEN_INT,      /* without fraction or exponent, fitting 64 bits */
  CC_JSON_TOKEN_DOUBLE,   /* any other number (finite) */
  CC_JSON_TOKEN_TRUE,
  CC_JSON_TOKEN_FALSE,
  CC_JSON_TOKEN_NULL,
} CcJsonToken;

typedef enum
{
  CC_JSON_PEEK_UNKNOWN,  /* the text ahead could not be made out: read on to find why */
  CC_JSON_PEEK_ABSENT,   /* the object has no such member */
  CC_JSON_PEEK_STRING,   /* a string without escapes, in the GString given */
  CC_JSON_PEEK_OTHER,    /* another value: its text, or its first 64 bytes, in the GString */
} CcJsonPeek;

/* Steps over a UTF-8 byte order mark at the start of @data, for readers of
 * files that may come from Windows Notepad. TRUE when there was one. The
 * reader itself refuses one. */
gboolean      cc_json_skip_bom          (const char          **data,
                                         gsize                *len);
CcJsonReader *cc_json_reader_new        (const char          *data,
                                         gsize                len,
                                         const CcJsonLimits  *limits);
void          cc_json_reader_free       (CcJsonReader        *reader);
CcJsonToken   cc_json_reader_next       (CcJsonReader        *reader);
/* The values of the last token; valid until the next call. */
const char   *cc_json_reader_get_string (CcJsonReader        *reader,
                                         gsize               *len);
const char   *cc_json_reader_get_member (CcJsonReader        *reader);
gint64        cc_json_reader_get_int    (CcJsonReader        *reader);
double        cc_json_reader_get_double (CcJsonReader        *reader);
/* Arrays and objects open. */
guint         cc_json_reader_get_depth  (CcJsonReader        *reader);
/* The error (domain CC_JSON_ERROR, its message starting "line L, column C: "),
 * or NULL. */
const GError *cc_json_reader_get_error  (CcJsonReader        *reader,
                                         guint               *line,
                                         guint               *column);
/* Reads the rest of the value that @first (the token just read) begins,
 * appending it to @compact (may be NULL) as compact text that
 * cc_json_write_compact() writes out as cc_json_write_node() would.
 * FALSE on an error. */
gboolean      cc_json_reader_skip       (CcJsonReader        *reader,
                                         CcJsonToken          first,
                                         GString             *compact);
/* Right after CC_JSON_TOKEN_BEGIN_OBJECT: looks ahead in the object for the
 * member @name, without reading (an object whose "type" comes last). */
CcJsonPeek    cc_json_reader_peek_member (CcJsonReader       *reader,
                                          const char         *name,
                                          GString            *value);

/* Pretty writer: two-space indent, members in their order, "key": value,
 * arrays of only scalars kept on one line when short, no trailing spaces.
 * Doubles use the shortest text that reads back to the same value, with ".0"
 * added when that text would look like an integer; strings are escaped as
 * RFC 8259 requires (control characters as \uXXXX or \n \t …, non-ASCII kept
 * as UTF-8, "/" not escaped). */
void       cc_json_write_node  (GString             *out,
                                JsonNode            *node,
                                guint                indent_level);
/* The compact text of cc_json_reader_skip(), written as cc_json_write_node()
 * writes the same value. */
void       cc_json_write_compact (GString           *out,
                                  const char        *text,
                                  gsize              len,
                                  guint              indent_level);
/* Steps through compact members ("a":1,"b":[2]): the next one's name (in
 * quotes, as written) and value, moving *@p past it. FALSE at the end. */
gboolean   cc_json_compact_next_member (const char **p,
                                        const char  *end,
                                        const char **name,
                                        gsize       *name_len,
                                        const char **value,
                                        gsize       *value_len);
void       cc_json_write_string (GString            *out,
                                 const char         *str);
void       cc_json_write_double (GString            *out,
                                 double              value);
void       cc_json_write_indent (GString            *out,
                                 guint               indent_level);

/* What a value is, as a message names it: "an object", "a string",
 * "true or false"… for the value @token begins, or for @node. */
const char *cc_json_token_type_name (CcJsonToken  token);
const char *cc_json_node_type_name  (JsonNode    *node);

G_END_DECLS
