/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cc-item.h"

G_BEGIN_DECLS

typedef enum
{
  CC_CHANGE_SET,     /* item's field changed */
  CC_CHANGE_INSERT,  /* item inserted into parent's slot at index */
  CC_CHANGE_REMOVE,  /* item removed from parent's slot at index */
  CC_CHANGE_MOVE,    /* item moved in parent's slot from old_index to index */
} CcChangeType;

struct _CcChange
{
  CcChangeType  type;
  CcItem       *item;
  CcItem       *parent;     /* INSERT, REMOVE, MOVE */
  guint         field;      /* SET */
  guint         slot;       /* INSERT, REMOVE, MOVE */
  guint         index;      /* INSERT, REMOVE, MOVE: the position (after the move) */
  guint         old_index;  /* MOVE */
};

#define CC_TYPE_PROJECT (cc_project_get_type ())

G_DECLARE_FINAL_TYPE (CcProject, cc_project, CC, PROJECT, GObject)

CcProject   *cc_project_new               (void);
CcProject   *cc_project_new_for_root      (CcItem     *root);

CcItem      *cc_project_get_root          (CcProject  *self);
CcItem      *cc_project_get_meta          (CcProject  *self);
const char  *cc_project_get_title         (CcProject  *self);
CcItem      *cc_project_lookup            (CcProject  *self,
                                           const char *id);
char        *cc_project_new_id            (CcProject  *self,
                                           CcKind      kind);

guint        cc_project_get_n_sheets      (CcProject  *self);
CcItem      *cc_project_get_sheet         (CcProject  *self,
                                           guint       index);
CcItem      *cc_project_find_sheet        (CcProject  *self,
                                           const char *id_or_title);
CcItem      *cc_project_get_node_actor    (CcProject  *self,
                                           CcItem     *node);

/* Edits. Each is a command recorded for undo, and emits ::changed. */
void         cc_project_set_value         (CcProject     *self,
                                           CcItem        *item,
                                           guint          field,
                                           const CcValue *value);
void         cc_project_set_string        (CcProject  *self,
                                           CcItem     *item,
                                           guint       field,
                                           const char *value);
void         cc_project_set_int           (CcProject  *self,
                                           CcItem     *item,
                                           guint       field,
                                           gint64      value);
void         cc_project_set_double        (CcProject  *self,
                                           CcItem     *item,
                                           guint       field,
                                           double      value);
void         cc_project_set_bool          (CcProject  *self,
                                           CcItem     *item,
                                           guint       field,
                                           gboolean    value);
void         cc_project_set_strv          (CcProject          *self,
                                           CcItem             *item,
                                           guint               field,
                                           const char * const *value);
CcItem      *cc_project_insert            (CcProject  *self,
                                           CcItem     *parent,
                                           guint       slot,
                                           int         index,
                                           CcItem     *child);
void         cc_project_remove            (CcProject  *self,
                                           CcItem     *item);
void         cc_project_delete            (CcProject  *self,
                                           CcItem     *item);
void         cc_project_move              (CcProject  *self,
                                           CcItem     *item,
                                           guint       index);

/* Undo history. Edits between begin_group and end_group undo as one step. */
void         cc_project_begin_group       (CcProject  *self,
                                           const char *label);
void         cc_project_end_group         (CcProject  *self);
gboolean     cc_project_can_undo          (CcProject  *self);
gboolean     cc_project_can_redo          (CcProject  *self);
const char  *cc_project_get_undo_label    (CcProject  *self);
const char  *cc_project_get_redo_label    (CcProject  *self);
gboolean     cc_project_undo              (CcProject  *self);
gboolean     cc_project_redo              (CcProject  *self);
guint64      cc_project_get_undo_step     (CcProject  *self);
guint        cc_project_get_history_length (CcProject *self);
void         cc_project_clear_history     (CcProject  *self);

/* The format version the project is written in: this build's, or a newer
 * file's own, so that a newer Concord reads back its members as it wrote them. */
gint64       cc_project_get_format_version (CcProject *self);
void         cc_project_set_format_version (CcProject *self,
                                            gint64     version);

gboolean     cc_project_get_modified      (CcProject  *self);
guint64      cc_project_get_change_count  (CcProject  *self);
void         cc_project_set_modified      (CcProject  *self,
                                           gboolean    modified);

/* Force-field arithmetic: sums of the strengths per side. With planned,
 * a force's planned strength counts where one is set. */
void         cc_forcefield_totals         (CcItem     *sheet,
                                           gboolean    planned,
                                           int        *driving,
                                           int        *resisting);
gboolean     cc_forcefield_has_plans      (CcItem     *sheet);

G_END_DECLS
