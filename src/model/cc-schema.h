/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-types.h"

G_BEGIN_DECLS

/* How a field's value is held in a CcItem and written in the file. */
typedef enum
{
  CC_VT_STRING,    /* char *, "" when unset */
  CC_VT_COLOR,     /* char *, "#rrggbb" or "" when unset */
  CC_VT_DATETIME,  /* char *, RFC 3339 or "" when unset */
  CC_VT_DATE,      /* char *, YYYY-MM-DD or "" when unset */
  CC_VT_INT,       /* gint64 */
  CC_VT_DOUBLE,    /* double, always finite */
  CC_VT_BOOL,      /* gboolean */
  CC_VT_ENUM,      /* gint64 index into enum_values */
  CC_VT_STRV,      /* char ** (never NULL: an empty vector when unset) */
  CC_VT_REF,       /* char *: id of another item, "" when unset */
  CC_VT_REFS,      /* char **: ids of other items */
} CcValueType;

typedef enum
{
  CC_FIELD_REQUIRED  = 1 << 0,  /* must be present in the file; always written */
  CC_FIELD_NONEMPTY  = 1 << 1,  /* a string that must not be empty */
  CC_FIELD_SAME_SHEET = 1 << 2, /* a reference to an item of the same sheet */
} CcFieldFlags;

typedef union
{
  char   *s;   /* STRING COLOR DATETIME REF */
  char  **v;   /* STRV REFS */
  gint64  i;   /* INT ENUM BOOL */
  double  d;   /* DOUBLE */
} CcValue;

struct _CcFieldInfo
{
  const char          *name;         /* member name in the file */
  CcValueType          type;
  CcFieldFlags         flags;
  double               min, max;     /* INT, DOUBLE: range; STRING: max length in bytes (0: default) */
  const char * const  *enum_values;  /* ENUM: names, NULL-terminated */
  CcKind               ref_kind;     /* REF, REFS: the kind referred to */
  double               def_num;      /* default of INT ENUM BOOL DOUBLE (may lie outside the range: "unset") */
  const char          *def_str;      /* default of STRING-like fields; NULL means "" */
};

struct _CcSlotInfo
{
  const char *name;       /* member name in the file */
  gboolean    is_object;  /* one child written as an object, not an array */
  CcKind      kinds[4];   /* kinds allowed; more than one for "sheets" */
  guint       n_kinds;
  gboolean    omit_empty; /* not written when it holds nothing */
};

struct _CcKindInfo
{
  CcKind             kind;
  const char        *name;        /* for messages: "actor", "link", … */
  const char        *type_tag;    /* value of "type" for sheet kinds, else NULL */
  const char        *id_prefix;   /* prefix of new ids: "a", "n", … ; NULL: no id */
  const CcFieldInfo *fields;
  guint              n_fields;
  const CcSlotInfo  *slots;
  guint              n_slots;
};

#define CC_FORMAT_NAME     "concord-project"
#define CC_FORMAT_VERSION  1

/* Limits on what a file may hold. */
#define CC_MAX_ID_LENGTH     128
#define CC_MAX_STRING_LENGTH (64 * 1024)
#define CC_MAX_COORDINATE    1.0e6
/* The default of optional coordinates: outside the range, so never in a
 * file; "placed automatically". */
#define CC_UNSET_COORDINATE  (-2.0e6)
/* Templates: the longest template or panel id, and the largest grid. */
#define CC_TEMPLATE_ID_MAX   64
#define CC_TEMPLATE_GRID_MAX 12

const CcKindInfo  *cc_kind_info            (CcKind kind);
const CcFieldInfo *cc_kind_field           (CcKind kind, guint field);
int                cc_kind_find_field      (CcKind kind, const char *name);
gboolean           cc_kind_is_sheet        (CcKind kind);
const char        *cc_enum_nick            (CcKind kind, guint field, gint64 value);
int                cc_enum_from_nick       (CcKind kind, guint field, const char *nick);
gboolean           cc_color_is_valid       (const char *color);
gboolean           cc_datetime_is_valid    (const char *text);
gboolean           cc_date_is_valid        (const char *text);
/* The day a valid date (YYYY-MM-DD) names, at local noon; NULL for none. */
GDateTime         *cc_date_parse           (const char *text);
/* A day as a handout writes it: "1 March 2026", with no padding. */
char              *cc_date_format_long     (GDateTime  *when);
gboolean           cc_id_is_valid          (const char *id);

/* The built-in link types. Projects may add their own in "link_types". */
typedef struct
{
  const char *id;
  const char *label;      /* untranslated; translate with _() at the UI */
  const char *color;
  CcDash      dash;
  double      width;
  gboolean    directed;
} CcBuiltinLinkType;

const CcBuiltinLinkType *cc_builtin_link_types   (guint *n);
const CcBuiltinLinkType *cc_builtin_link_type    (const char *id);

/* Display names of enumerated values (untranslated English). */
const char *cc_sector_label      (CcSector sector);
const char *cc_actor_kind_label  (CcActorKind kind);
const char *cc_stage_label       (CcStage stage);

G_END_DECLS
