/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-inspector.h"

G_BEGIN_DECLS

/* The inspector is a container (cc-inspector.c) holding one page per kind
 * of item (cc-inspector-*-page.c). The container picks the page for the
 * selection and hands it what it shows; it tells the page of every
 * primitive change, and has it show its item afresh once the step is done.
 *
 * A page binds each of its rows to a field of its item with
 * cc_inspector_page_bind() (cc-inspector-field.c): the row then shows the
 * field's value and edits it through the project, the way the field's type
 * and flags in the schema tables (cc-schema.c) say. Rules of what an edit
 * also changes live in the model's edit operations, which a binding calls
 * through its setter. */

/* Pages */

#define CC_TYPE_INSPECTOR_PAGE (cc_inspector_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CcInspectorPage, cc_inspector_page, CC, INSPECTOR_PAGE, GtkWidget)

struct _CcInspectorPageClass
{
  GtkWidgetClass parent_class;

  /* Shows the page's item afresh, with the page's own edits held off: a
   * new item, or a step that concerned it. Calls
   * cc_inspector_page_show_fields() to show the bound rows. */
  void     (*update)          (CcInspectorPage *self);
  /* Whether @change concerns what the page shows; the page notes there
   * what to rebuild on its next update. By default, a field of its item
   * set. */
  gboolean (*changed)         (CcInspectorPage *self,
                               const CcChange  *change);
  /* Fills again the choices of the page's reference rows: its item refers
   * to one they do not list. */
  void     (*rebuild_choices) (CcInspectorPage *self);
};

#define CC_TYPE_INSPECTOR_SHEET_PAGE      (cc_inspector_sheet_page_get_type ())
#define CC_TYPE_INSPECTOR_ACTOR_PAGE      (cc_inspector_actor_page_get_type ())
#define CC_TYPE_INSPECTOR_LINK_PAGE       (cc_inspector_link_page_get_type ())
#define CC_TYPE_INSPECTOR_GROUP_PAGE      (cc_inspector_group_page_get_type ())
#define CC_TYPE_INSPECTOR_MULTI_PAGE      (cc_inspector_multi_page_get_type ())
#define CC_TYPE_INSPECTOR_FORCE_PAGE      (cc_inspector_force_page_get_type ())
#define CC_TYPE_INSPECTOR_FORCEFIELD_PAGE (cc_inspector_forcefield_page_get_type ())
#define CC_TYPE_INSPECTOR_CARD_PAGE       (cc_inspector_card_page_get_type ())

G_DECLARE_FINAL_TYPE (CcInspectorSheetPage, cc_inspector_sheet_page, CC, INSPECTOR_SHEET_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorActorPage, cc_inspector_actor_page, CC, INSPECTOR_ACTOR_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorLinkPage, cc_inspector_link_page, CC, INSPECTOR_LINK_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorGroupPage, cc_inspector_group_page, CC, INSPECTOR_GROUP_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorMultiPage, cc_inspector_multi_page, CC, INSPECTOR_MULTI_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorForcePage, cc_inspector_force_page, CC, INSPECTOR_FORCE_PAGE, CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorForcefieldPage, cc_inspector_forcefield_page, CC, INSPECTOR_FORCEFIELD_PAGE,
                      CcInspectorPage)
G_DECLARE_FINAL_TYPE (CcInspectorCardPage, cc_inspector_card_page, CC, INSPECTOR_CARD_PAGE, CcInspectorPage)

/* What the container does with a page. @item is what the page shows (for
 * the sheet page, the sheet; for an organisation, its actor), @items what
 * it shows of several selected; either may be NULL. */
void         cc_inspector_page_show          (CcInspectorPage *self,
                                              CcInspector     *inspector,
                                              CcProject       *project,
                                              CcItem          *item,
                                              GPtrArray       *items);
void         cc_inspector_page_clear         (CcInspectorPage *self);
void         cc_inspector_page_update        (CcInspectorPage *self);
/* Commits what was typed in the page's rows and not yet committed. */
void         cc_inspector_page_commit        (CcInspectorPage *self);
void         cc_inspector_page_changed       (CcInspectorPage *self,
                                              const CcChange  *change);
/* The step is done: shows the item afresh if a change concerned it. */
void         cc_inspector_page_step_done     (CcInspectorPage *self);

CcInspector *cc_inspector_page_get_inspector (CcInspectorPage *self);
CcProject   *cc_inspector_page_get_project   (CcInspectorPage *self);
CcItem      *cc_inspector_page_get_item      (CcInspectorPage *self);
GPtrArray   *cc_inspector_page_get_items     (CcInspectorPage *self);
/* Whether the page is showing an item it was just given (not a step's). */
gboolean     cc_inspector_page_is_new        (CcInspectorPage *self);
/* Whether the page is showing its item, when its rows' signals are not
 * edits; hold and release make them not edits for a while. */
gboolean     cc_inspector_page_is_updating   (CcInspectorPage *self);
void         cc_inspector_page_hold          (CcInspectorPage *self);
void         cc_inspector_page_release       (CcInspectorPage *self);
/* Whether an edit of @item may be made now: the page is not updating, and
 * @item is still in the project (not deleted, nor undone away). */
gboolean     cc_inspector_page_can_edit      (CcInspectorPage *self,
                                              CcItem          *item);

/* Field bindings */

typedef enum
{
  CC_BIND_DEFAULT      = 0,
  CC_BIND_STRIP        = 1 << 0,  /* text: without the spaces around it */
  /* Text: what was typed and not committed stays until the field changes,
   * and so does a date that is not one. Without it, the row always shows
   * the field's value. */
  CC_BIND_KEEP_TYPED   = 1 << 1,
  /* Text: what is being typed in the focused row stays. */
  CC_BIND_KEEP_FOCUSED = 1 << 2,
  /* Text: committed on its own (Enter, leaving it), not with the page. */
  CC_BIND_ALONE        = 1 << 3,
} CcBindFlags;

/* An edit of @field of @item other than setting it: a model operation
 * that also changes what goes with it. */
typedef void (*CcFieldSetter) (CcProject     *project,
                               CcItem        *item,
                               guint          field,
                               const CcValue *value);

typedef struct _CcFieldBinding CcFieldBinding;

/* Binds @widget to @field of the page's item while that is of @kind: an
 * AdwEntryRow or GtkTextView (string, date, tags), an AdwComboRow (enum,
 * reference), a GtkSpinButton (integer, number), a GtkSwitch (boolean) or a
 * GtkColorButton (colour). An edit is one undo step named @undo_label, or
 * a plain change without one. The page owns the binding. */
CcFieldBinding *cc_inspector_page_bind       (CcInspectorPage *self,
                                              GtkWidget       *widget,
                                              CcKind           kind,
                                              guint            field,
                                              const char      *undo_label,
                                              CcBindFlags      flags);
/* The same for a row of @item, one of a list the page builds (a link
 * type, a score): the widget owns the binding. */
CcFieldBinding *cc_inspector_page_bind_item  (CcInspectorPage *self,
                                              GtkWidget       *widget,
                                              CcItem          *item,
                                              guint            field,
                                              const char      *undo_label,
                                              CcBindFlags      flags);
void            cc_field_binding_set_setter  (CcFieldBinding  *self,
                                              CcFieldSetter    setter);
/* A reference row: the ids its model lists, in order ("" for none). The
 * page keeps @ids, and fills it again in rebuild_choices. */
void            cc_field_binding_set_choices (CcFieldBinding  *self,
                                              GPtrArray       *ids);
/* A colour row: what it shows while the field is unset. */
void            cc_field_binding_set_fallback (CcFieldBinding *self,
                                               const char     *color);
void            cc_field_binding_show        (CcFieldBinding  *self);
void            cc_field_binding_commit      (CcFieldBinding  *self);

/* For the pages' base (cc-inspector-page.c): a binding of @widget to
 * @field of @item, or of the page's item while that is of @kind when
 * @item is NULL; what it showed, forgotten for a new item; and whether it
 * is a text committed with the page's others. */
CcFieldBinding *cc_field_binding_new         (CcInspectorPage *page,
                                              GtkWidget       *widget,
                                              CcKind           kind,
                                              guint            field,
                                              CcItem          *item,
                                              const char      *undo_label,
                                              CcBindFlags      flags);
void            cc_field_binding_free        (CcFieldBinding  *self);
void            cc_field_binding_forget      (CcFieldBinding  *self);
gboolean        cc_field_binding_commits_with_page (CcFieldBinding *self);
/* Shows every bound row of the page. */
void            cc_inspector_page_show_fields (CcInspectorPage *self);

/* Helpers the pages share */

GtkStringList *cc_inspector_label_model      (const char *(*label) (guint),
                                              guint        n);
void           cc_inspector_select           (AdwComboRow *row,
                                              guint        index);
/* An organisation's name, or its id while it has none. */
const char    *cc_inspector_actor_name       (CcItem      *actor);
/* "None", then the project's organisations by name, into @ids ("" first);
 * @keep, an id the project does not know, is listed last. */
GtkStringList *cc_inspector_actor_choices    (CcProject   *project,
                                              const char  *keep,
                                              GPtrArray   *ids);
CcSide         cc_inspector_force_side       (CcItem      *force);

/* Asks the window to show @item, on another sheet ("show-item"). */
void           cc_inspector_show_item        (CcInspector *self,
                                              CcItem      *item);

/* For tests: a widget of the inspector's template or of one of its pages'
 * by its id there, or NULL. */
GtkWidget     *cc_inspector_lookup           (CcInspector *self,
                                              const char  *name);

G_END_DECLS
