/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-schema.h"

G_BEGIN_DECLS

/* A CcItem is one thing in a project: an actor, a sheet, a node, a force…
 * Its fields and child lists are described by its kind (cc-schema.h).
 *
 * Items are reference counted. Read them freely; change them only through
 * the CcProject edit functions, which record undo and notify. The cc_item_set_*
 * and cc_item_take_child functions here are for building an item that is not
 * yet in a project (loading, a new item before it is inserted). */

CcItem             *cc_item_new           (CcKind kind);
CcItem             *cc_item_ref           (CcItem *item);
void                cc_item_unref         (CcItem *item);
CcItem             *cc_item_copy          (CcItem *item);

CcKind              cc_item_get_kind      (CcItem *item);
const CcKindInfo   *cc_item_get_info      (CcItem *item);
const char         *cc_item_get_id        (CcItem *item);
void                cc_item_set_id        (CcItem *item, const char *id);
CcItem             *cc_item_get_parent    (CcItem *item);
CcItem             *cc_item_get_sheet     (CcItem *item);
guint               cc_item_get_slot      (CcItem *item);
guint               cc_item_get_index     (CcItem *item);
char               *cc_item_get_path      (CcItem *item);

const char         *cc_item_get_string    (CcItem *item, guint field);
gint64              cc_item_get_int       (CcItem *item, guint field);
double              cc_item_get_double    (CcItem *item, guint field);
gboolean            cc_item_get_bool      (CcItem *item, guint field);
const char * const *cc_item_get_strv      (CcItem *item, guint field);
const CcValue      *cc_item_get_value     (CcItem *item, guint field);

void                cc_item_set_string    (CcItem *item, guint field, const char *value);
void                cc_item_set_int       (CcItem *item, guint field, gint64 value);
void                cc_item_set_double    (CcItem *item, guint field, double value);
void                cc_item_set_bool      (CcItem *item, guint field, gboolean value);
void                cc_item_set_strv      (CcItem *item, guint field, const char * const *value);
void                cc_item_set_value     (CcItem *item, guint field, const CcValue *value);
gboolean            cc_item_value_is_default (CcItem *item, guint field);

guint               cc_item_get_n_children (CcItem *item, guint slot);
CcItem             *cc_item_get_child      (CcItem *item, guint slot, guint index);
GPtrArray          *cc_item_get_children   (CcItem *item, guint slot);
void                cc_item_take_child     (CcItem *item, guint slot, int index, CcItem *child);
CcItem             *cc_item_steal_child    (CcItem *item, guint slot, guint index);
void                cc_item_move_child     (CcItem *item, guint slot, guint from, guint to);

/* Members of the file this build does not know, kept to be written back:
 * their compact text, "name":value members joined by commas (written by
 * cc_json_reader_skip), or NULL when there are none. */
GBytes             *cc_item_get_extra      (CcItem *item);
void                cc_item_set_extra      (CcItem *item, GBytes *extra);

/* Where the loader found the item among its siblings in the file, so that
 * a problem names the place in the file even when items before it were
 * left out. */
guint               cc_item_get_file_index (CcItem *item);
void                cc_item_set_file_index (CcItem *item, guint index);

/* The item's text as the snapshot writer last wrote it (src/io/cc-save.c),
 * kept until the item or anything in it changes; NULL when there is none. */
GBytes             *cc_item_get_text       (CcItem *item);
void                cc_item_set_text       (CcItem *item, GBytes *text);
/* The same for the array of one of its slots, as pieces (GBytes) */
GPtrArray          *cc_item_get_slot_text  (CcItem *item, guint slot);
void                cc_item_set_slot_text  (CcItem *item, guint slot, GPtrArray *pieces);
/* Forgets the kept texts of @item and of everything it is in. */
void                cc_item_forget_text    (CcItem *item);

/* CcValue helpers for the value type of a field. */
void                cc_value_copy         (const CcFieldInfo *field, const CcValue *src, CcValue *dest);
void                cc_value_clear        (const CcFieldInfo *field, CcValue *value);
gboolean            cc_value_equal        (const CcFieldInfo *field, const CcValue *a, const CcValue *b);
void                cc_value_init_default (const CcFieldInfo *field, CcValue *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcItem, cc_item_unref)

G_END_DECLS
