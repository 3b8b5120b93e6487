/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-canvas-edit.h"
#include "cc-inspector-private.h"

/* The container of the inspector's pages: it picks the page for the
 * selection and gives it its item, tells it of the project's changes, and
 * has it show its item afresh once per step. */

struct _CcInspector
{
  GtkWidget        parent_instance;

  /* Template children */
  GtkStack        *stack;
  CcInspectorPage *sheet_page;
  CcInspectorPage *actor_page;
  CcInspectorPage *link_page;
  CcInspectorPage *group_page;
  CcInspectorPage *multi_page;
  CcInspectorPage *force_page;
  CcInspectorPage *card_page;
  CcInspectorPage *forcefield_page;

  CcSelection     *selection;
  CcProject       *project;       /* the selection's, while it has one */
  CcInspectorPage *page;          /* the page shown */
  CcItem          *shown;         /* the single item selected, while a page shows it */
  gboolean         repick;        /* a change asks for another page, at the step's end */
};

G_DEFINE_FINAL_TYPE (CcInspector, cc_inspector, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SHOW_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Picks the page for the selection and shows it. */
static void
refresh (CcInspector *self)
{
  guint n = self->selection != NULL ? cc_selection_get_n_items (self->selection) : 0;
  CcItem *single = n == 1 ? cc_selection_get_single (self->selection) : NULL;
  CcItem *sheet = self->selection != NULL ? cc_selection_get_sheet (self->selection) : NULL;
  CcInspectorPage *page = NULL;
  CcItem *item = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);

  g_clear_pointer (&self->shown, cc_item_unref);
  self->repick = FALSE;

  if (single != NULL && self->project != NULL)
    {
      switch (cc_item_get_kind (single))
        {
        case CC_KIND_NODE:
          item = cc_project_get_node_actor (self->project, single);
          page = item != NULL ? self->actor_page : NULL;
          break;
        case CC_KIND_LINK:
          item = single;
          page = self->link_page;
          break;
        case CC_KIND_GROUP:
          item = single;
          page = self->group_page;
          break;
        case CC_KIND_FORCE:
          item = single;
          page = self->force_page;
          break;
        case CC_KIND_CARD:
          /* On a grid, a card about an organisation is the organisation. */
          item = cc_card_get_grid_actor (self->project, single);
          page = item != NULL ? self->actor_page : self->card_page;
          if (item == NULL)
            item = single;
          break;
        default:
          break;
        }
      if (page != NULL)
        self->shown = cc_item_ref (single);
    }
  else if (n > 1)
    {
      GPtrArray *selected = cc_selection_get_items (self->selection);

      for (guint i = 0; i < selected->len; i++)
        g_ptr_array_add (items, cc_item_ref (selected->pdata[i]));
      page = self->multi_page;
    }
  else if (n == 0 && sheet != NULL && self->project != NULL && cc_item_get_kind (sheet) == CC_KIND_FORCEFIELD)
    {
      item = sheet;
      page = self->forcefield_page;
    }

  /* Nothing to edit: what applies to the sheet. */
  if (page == NULL)
    {
      page = self->sheet_page;
      item = sheet;
      if (single != NULL)
        g_ptr_array_add (items, cc_item_ref (single));
    }

  if (self->page != NULL && self->page != page)
    cc_inspector_page_clear (self->page);
  self->page = page;
  cc_inspector_page_show (page, self, self->project, item, items);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
}

static void
project_changed_cb (CcInspector *self,
                    CcChange    *change)
{
  /* A node now standing for another organisation: its page, afresh. */
  if (change->type == CC_CHANGE_SET && change->item == self->shown
      && cc_item_get_kind (change->item) == CC_KIND_NODE && change->field == CC_NODE_ACTOR)
    self->repick = TRUE;
  if (self->page != NULL)
    cc_inspector_page_changed (self->page, change);
}

static void
project_step_done_cb (CcInspector *self)
{
  if (self->repick)
    refresh (self);
  else if (self->page != NULL)
    cc_inspector_page_step_done (self->page);
}

static void
set_project (CcInspector *self,
             CcProject   *project)
{
  if (project == self->project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "step-done", G_CALLBACK (project_step_done_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
selection_changed_cb (CcInspector *self)
{
  /* What was typed for the item shown goes to that item. */
  cc_inspector_commit (self);
  set_project (self, cc_selection_get_project (self->selection));
  refresh (self);
}

static void
cc_inspector_dispose (GObject *object)
{
  CcInspector *self = CC_INSPECTOR (object);
  GtkWidget *child;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  set_project (self, NULL);
  g_clear_pointer (&self->shown, cc_item_unref);
  self->page = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cc_inspector_parent_class)->dispose (object);
}

static void
cc_inspector_class_init (CcInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_inspector_dispose;

  /**
   * CcInspector::show-item:
   * @inspector: the inspector
   * @item: (type gpointer): the CcItem to show, a force
   *
   * Emitted when the user asks to see an item of another sheet, such as a
   * force listed on an organisation's page. The window shows the item's
   * sheet and selects it.
   */
  signals[SIGNAL_SHOW_ITEM] = g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (CC_TYPE_INSPECTOR_SHEET_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_ACTOR_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_LINK_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_GROUP_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_MULTI_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_FORCE_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_CARD_PAGE);
  g_type_ensure (CC_TYPE_INSPECTOR_FORCEFIELD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, sheet_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, actor_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, link_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, group_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, multi_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, force_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, card_page);
  gtk_widget_class_bind_template_child (widget_class, CcInspector, forcefield_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
cc_inspector_init (CcInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/* Private API */

void
cc_inspector_show_item (CcInspector *self,
                        CcItem      *item)
{
  g_return_if_fail (CC_IS_INSPECTOR (self));

  g_signal_emit (self, signals[SIGNAL_SHOW_ITEM], 0, item);
}

GtkWidget *
cc_inspector_lookup (CcInspector *self,
                     const char  *name)
{
  CcInspectorPage *pages[] = {
    self->sheet_page, self->actor_page, self->link_page, self->group_page,
    self->multi_page, self->force_page, self->card_page, self->forcefield_page,
  };
  GObject *found;

  g_return_val_if_fail (CC_IS_INSPECTOR (self), NULL);

  found = gtk_widget_get_template_child (GTK_WIDGET (self), CC_TYPE_INSPECTOR, name);
  for (guint i = 0; found == NULL && i < G_N_ELEMENTS (pages); i++)
    found = gtk_widget_get_template_child (GTK_WIDGET (pages[i]), G_OBJECT_TYPE (pages[i]), name);
  return found != NULL ? GTK_WIDGET (found) : NULL;
}

/* Public API */

GtkWidget *
cc_inspector_new (void)
{
  return g_object_new (CC_TYPE_INSPECTOR, NULL);
}

void
cc_inspector_set_selection (CcInspector *self,
                            CcSelection *selection)
{
  g_return_if_fail (CC_IS_INSPECTOR (self));
  g_return_if_fail (selection == NULL || CC_IS_SELECTION (selection));

  if (selection == self->selection)
    return;
  cc_inspector_commit (self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self,
                             G_CONNECT_SWAPPED);
  set_project (self, selection != NULL ? cc_selection_get_project (selection) : NULL);
  refresh (self);
}

CcSelection *
cc_inspector_get_selection (CcInspector *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR (self), NULL);
  return self->selection;
}

void
cc_inspector_commit (CcInspector *self)
{
  g_return_if_fail (CC_IS_INSPECTOR (self));

  if (self->page != NULL)
    cc_inspector_page_commit (self->page);
}
