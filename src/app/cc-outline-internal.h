/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-outline-private.h"

G_BEGIN_DECLS

/* What the outline's files (the list, its editing) share. */

typedef struct
{
  CcItem    *item;       /* a node or a link of the sheet */
  GtkWidget *label;      /* the row's content (a ref of our own: set aside while renaming) */
  char      *title;      /* its first line */
  char      *key;        /* node: collation key of the name; link: of the first end's name */
  char      *key2;       /* link: of the second end's name */
  guint      incomplete : 1;  /* link: an end was not found (yet) */
} RowData;

struct _CcOutline
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListBox         *list;

  CcSelection        *selection;
  CcProject          *project;      /* the selection's */
  CcItem             *sheet;        /* the selection's sheet */
  GHashTable         *rows;         /* CcItem* → GtkListBoxRow* (the row holds the item) */
  guint               n_incomplete;
  GPtrArray          *pending;      /* items whose rows are still to be made, in list order */
  guint               pending_index;
  guint               build_id;     /* idle: make the next rows */

  GtkListBoxRow      *edit_row;     /* the row whose organisation is being renamed */
  GtkWidget          *edit_entry;

  GtkWidget          *type_popover;
  GtkListBoxRow      *type_row;     /* the link row the menu of types was opened on */
  GSimpleActionGroup *row_actions;

  guint               headers_id;   /* idle: update the counts in the headers */

  guint               dirty : 1;    /* rows not built: build them when shown */
  guint               focus_on_map : 1;
  guint               syncing : 1;  /* moving the selection between the list and the model */
};

enum {
  SIGNAL_SHOW_ITEM,
  SIGNAL_DELETED,
  N_SIGNALS
};

extern guint cc_outline_signals[N_SIGNALS];

/* cc-outline.c */
RowData       *cc_outline_row_data          (GtkListBoxRow *row);
const char    *cc_outline_node_name         (CcOutline     *self,
                                             CcItem        *node);
GtkListBoxRow *cc_outline_focus_row         (CcOutline     *self);
gboolean       cc_outline_is_busy           (CcOutline     *self);
void           cc_outline_scroll_to_row     (CcOutline     *self,
                                             GtkListBoxRow *row);

/* cc-outline-edit.c */
void           cc_outline_start_edit        (CcOutline     *self,
                                             GtkListBoxRow *row);
void           cc_outline_finish_rename     (CcOutline     *self,
                                             gboolean       commit);
void           cc_outline_link_type_change_state_cb (GSimpleAction *action,
                                                     GVariant      *value,
                                                     CcOutline     *self);
void           cc_outline_type_popover_closed_cb    (CcOutline     *self);
/* Key bindings */
gboolean       cc_outline_edit_key_cb       (GtkWidget     *widget,
                                             GVariant      *args,
                                             gpointer       user_data);
gboolean       cc_outline_delete_key_cb     (GtkWidget     *widget,
                                             GVariant      *args,
                                             gpointer       user_data);
gboolean       cc_outline_link_type_key_cb  (GtkWidget     *widget,
                                             GVariant      *args,
                                             gpointer       user_data);

G_END_DECLS
