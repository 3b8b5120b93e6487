/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-inspector-private.h"

/* The base of the inspector's pages: what it shows, its bound rows
 * (cc-inspector-field.c), and when it shows its item afresh. */

typedef struct
{
  CcInspector *inspector;       /* not a reference: the inspector holds the page */
  CcProject   *project;
  CcItem      *item;
  GPtrArray   *items;
  GPtrArray   *bindings;        /* CcFieldBinding*, the page's own, in order */
  guint        updating;
  guint        committing;
  gboolean     dirty;
  gboolean     fresh;           /* a new item, not yet shown */
} CcInspectorPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CcInspectorPage, cc_inspector_page, GTK_TYPE_WIDGET)

#define PRIV(page) ((CcInspectorPagePrivate *) cc_inspector_page_get_instance_private (page))

/* Bindings */

CcFieldBinding *
cc_inspector_page_bind (CcInspectorPage *self,
                        GtkWidget       *widget,
                        CcKind           kind,
                        guint            field,
                        const char      *undo_label,
                        CcBindFlags      flags)
{
  CcFieldBinding *binding;

  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  binding = cc_field_binding_new (self, widget, kind, field, NULL, undo_label, flags);
  g_ptr_array_add (PRIV (self)->bindings, binding);
  return binding;
}

CcFieldBinding *
cc_inspector_page_bind_item (CcInspectorPage *self,
                             GtkWidget       *widget,
                             CcItem          *item,
                             guint            field,
                             const char      *undo_label,
                             CcBindFlags      flags)
{
  CcFieldBinding *binding;

  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  binding = cc_field_binding_new (self, widget, cc_item_get_kind (item), field, item, undo_label,
                                  flags | CC_BIND_ALONE);
  g_object_set_data_full (G_OBJECT (widget), "cc-binding", binding, (GDestroyNotify) cc_field_binding_free);
  return binding;
}


void
cc_inspector_page_show_fields (CcInspectorPage *self)
{
  GPtrArray *bindings = PRIV (self)->bindings;

  for (guint i = 0; i < bindings->len; i++)
    cc_field_binding_show (bindings->pdata[i]);
}

/* The page */

static gboolean
cc_inspector_page_real_changed (CcInspectorPage *self,
                                const CcChange  *change)
{
  return change->type == CC_CHANGE_SET && change->item == PRIV (self)->item;
}

static void
cc_inspector_page_real_update (CcInspectorPage *self)
{
  cc_inspector_page_show_fields (self);
}

static void
cc_inspector_page_dispose (GObject *object)
{
  CcInspectorPage *self = CC_INSPECTOR_PAGE (object);
  GtkWidget *child;

  cc_inspector_page_clear (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cc_inspector_page_parent_class)->dispose (object);
}

static void
cc_inspector_page_finalize (GObject *object)
{
  CcInspectorPage *self = CC_INSPECTOR_PAGE (object);

  g_clear_pointer (&PRIV (self)->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_inspector_page_parent_class)->finalize (object);
}

static void
cc_inspector_page_class_init (CcInspectorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_inspector_page_dispose;
  object_class->finalize = cc_inspector_page_finalize;
  klass->changed = cc_inspector_page_real_changed;
  klass->update = cc_inspector_page_real_update;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cc_inspector_page_init (CcInspectorPage *self)
{
  PRIV (self)->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_field_binding_free);
}

void
cc_inspector_page_show (CcInspectorPage *self,
                        CcInspector     *inspector,
                        CcProject       *project,
                        CcItem          *item,
                        GPtrArray       *items)
{
  CcInspectorPagePrivate *priv;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  if (item != NULL)
    cc_item_ref (item);
  if (items != NULL)
    g_ptr_array_ref (items);
  cc_inspector_page_clear (self);
  priv->inspector = inspector;
  g_set_object (&priv->project, project);
  priv->item = item;
  priv->items = items;
  priv->fresh = TRUE;
  for (guint i = 0; i < priv->bindings->len; i++)
    cc_field_binding_forget (priv->bindings->pdata[i]);
  cc_inspector_page_update (self);
}

void
cc_inspector_page_clear (CcInspectorPage *self)
{
  CcInspectorPagePrivate *priv;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  g_clear_pointer (&priv->item, cc_item_unref);
  g_clear_pointer (&priv->items, g_ptr_array_unref);
  g_clear_object (&priv->project);
  priv->dirty = FALSE;
}

void
cc_inspector_page_update (CcInspectorPage *self)
{
  CcInspectorPagePrivate *priv;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  priv->dirty = FALSE;
  priv->updating++;
  /* A new item: the choices of its reference rows, afresh. */
  if (priv->fresh && CC_INSPECTOR_PAGE_GET_CLASS (self)->rebuild_choices != NULL)
    CC_INSPECTOR_PAGE_GET_CLASS (self)->rebuild_choices (self);
  CC_INSPECTOR_PAGE_GET_CLASS (self)->update (self);
  priv->fresh = FALSE;
  priv->updating--;
}

void
cc_inspector_page_commit (CcInspectorPage *self)
{
  CcInspectorPagePrivate *priv;
  g_autoptr(GPtrArray) bindings = NULL;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  if (priv->updating > 0 || priv->project == NULL)
    return;
  /* Every text as it was typed: the page shows its item afresh after. */
  bindings = g_ptr_array_sized_new (priv->bindings->len);
  for (guint i = 0; i < priv->bindings->len; i++)
    g_ptr_array_add (bindings, priv->bindings->pdata[i]);
  priv->committing++;
  for (guint i = 0; i < bindings->len; i++)
    {
      CcFieldBinding *binding = bindings->pdata[i];

      if (cc_field_binding_commits_with_page (binding))
        cc_field_binding_commit (binding);
    }
  priv->committing--;
  if (priv->committing == 0 && priv->dirty && priv->project != NULL)
    cc_inspector_page_update (self);
}

void
cc_inspector_page_changed (CcInspectorPage *self,
                           const CcChange  *change)
{
  CcInspectorPagePrivate *priv;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  if (priv->project != NULL && CC_INSPECTOR_PAGE_GET_CLASS (self)->changed (self, change))
    priv->dirty = TRUE;
}

void
cc_inspector_page_step_done (CcInspectorPage *self)
{
  CcInspectorPagePrivate *priv;

  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));

  priv = PRIV (self);
  if (priv->dirty && priv->committing == 0 && priv->project != NULL)
    cc_inspector_page_update (self);
}

CcInspector *
cc_inspector_page_get_inspector (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  return PRIV (self)->inspector;
}

CcProject *
cc_inspector_page_get_project (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  return PRIV (self)->project;
}

CcItem *
cc_inspector_page_get_item (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  return PRIV (self)->item;
}

GPtrArray *
cc_inspector_page_get_items (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), NULL);
  return PRIV (self)->items;
}

gboolean
cc_inspector_page_is_new (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), FALSE);
  return PRIV (self)->fresh;
}

void
cc_inspector_page_hold (CcInspectorPage *self)
{
  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));
  PRIV (self)->updating++;
}

void
cc_inspector_page_release (CcInspectorPage *self)
{
  g_return_if_fail (CC_IS_INSPECTOR_PAGE (self));
  g_return_if_fail (PRIV (self)->updating > 0);
  PRIV (self)->updating--;
}

gboolean
cc_inspector_page_is_updating (CcInspectorPage *self)
{
  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), FALSE);
  return PRIV (self)->updating > 0;
}

gboolean
cc_inspector_page_can_edit (CcInspectorPage *self,
                            CcItem          *item)
{
  CcInspectorPagePrivate *priv;
  CcItem *root;

  g_return_val_if_fail (CC_IS_INSPECTOR_PAGE (self), FALSE);

  priv = PRIV (self);
  if (priv->updating > 0 || priv->project == NULL || item == NULL)
    return FALSE;
  root = cc_project_get_root (priv->project);
  while (item != NULL && item != root)
    item = cc_item_get_parent (item);
  return item == root;
}

/* Helpers the pages share */

GtkStringList *
cc_inspector_label_model (const char *(*label) (guint),
                          guint        n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(label (i)));
  return list;
}

void
cc_inspector_select (AdwComboRow *row,
                     guint        index)
{
  if (adw_combo_row_get_selected (row) != index)
    adw_combo_row_set_selected (row, index);
}

const char *
cc_inspector_actor_name (CcItem *actor)
{
  const char *name = cc_item_get_string (actor, CC_ACTOR_NAME);

  return name != NULL && name[0] != '\0' ? name : cc_item_get_id (actor);
}

static int
compare_actor_names (gconstpointer a,
                     gconstpointer b)
{
  CcItem *x = *(CcItem * const *) a;
  CcItem *y = *(CcItem * const *) b;

  return g_utf8_collate (cc_inspector_actor_name (x), cc_inspector_actor_name (y));
}

GtkStringList *
cc_inspector_actor_choices (CcProject  *project,
                            const char *keep,
                            GPtrArray  *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (list, _("None"));
  g_ptr_array_add (ids, g_strdup (""));
  if (project != NULL)
    {
      GPtrArray *children = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_ACTORS);
      g_autoptr(GPtrArray) actors = g_ptr_array_sized_new (children->len);

      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (actors, children->pdata[i]);
      g_ptr_array_sort (actors, compare_actor_names);
      for (guint i = 0; i < actors->len; i++)
        {
          gtk_string_list_append (list, cc_inspector_actor_name (actors->pdata[i]));
          g_ptr_array_add (ids, g_strdup (cc_item_get_id (actors->pdata[i])));
        }
    }
  /* An organisation this build cannot find, kept as it is. */
  if (keep != NULL && keep[0] != '\0' && !g_ptr_array_find_with_equal_func (ids, keep, g_str_equal, NULL))
    {
      gtk_string_list_append (list, keep);
      g_ptr_array_add (ids, g_strdup (keep));
    }
  return list;
}

CcSide
cc_inspector_force_side (CcItem *force)
{
  return cc_item_get_int (force, CC_FORCE_SIDE) == CC_SIDE_RESISTING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
}
