/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include "cc-clipboard.h"
#include "cc-sheet-view-internal.h"

/* The view's actions ("canvas.*"): the shared edits, which each tool may
 * offer, the tools' own, and the view's switches. An action the tool in
 * use does not offer is off. */

static CcSheetToolClass *
tool_class (CcSheetView *self)
{
  return self->tool != NULL ? CC_SHEET_TOOL_GET_CLASS (self->tool) : NULL;
}

static const CcSheetToolAction *
find_tool_action (CcSheetView *self,
                  const char  *name)
{
  CcSheetToolClass *klass = tool_class (self);

  for (guint i = 0; klass != NULL && i < klass->n_actions; i++)
    if (g_str_equal (klass->actions[i].name, name))
      return &klass->actions[i];
  return NULL;
}

static gboolean
enabled (CcSheetView *self,
         const char  *name)
{
  CcSheetToolClass *klass = tool_class (self);

  return klass != NULL && klass->action_enabled != NULL && klass->action_enabled (self->tool, name);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  if (tool_class (self) != NULL && tool_class (self)->select_all != NULL)
    tool_class (self)->select_all (self->tool);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);

  if (tool_class (self) != NULL && tool_class (self)->delete_selection != NULL)
    tool_class (self)->delete_selection (self->tool);
}

static void
copy_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GdkContentProvider *providers[2];

  if (tool_class (self) == NULL || tool_class (self)->copy == NULL)
    return;
  bytes = tool_class (self)->copy (self->tool, g_str_equal (name, "canvas.cut"));
  if (bytes == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* Our own type for Concord, and the same text for any other program. */
  providers[0] = gdk_content_provider_new_for_bytes (CC_CLIPBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  content = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), content);
}

static void
paste_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CcSheetView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0
      || tool_class (self) == NULL || tool_class (self)->paste == NULL)
    return;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  tool_class (self)->paste (self->tool, bytes);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CcSheetView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* The clipboard may be filled by this very process: read without blocking. */
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_spliced_cb, g_object_ref (self));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  static const char *types[] = { CC_CLIPBOARD_MIME_TYPE, "text/plain;charset=utf-8", NULL };

  if (tool_class (self) == NULL || tool_class (self)->paste == NULL)
    return;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), types, G_PRIORITY_DEFAULT, NULL,
                            paste_read_cb, g_object_ref (self));
}

/* A tool's own action: the tool in use does it, if it has it. */
static void
tool_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CcSheetView *self = CC_SHEET_VIEW (widget);
  const CcSheetToolAction *action = find_tool_action (self, name);

  if (action != NULL)
    action->activate (self->tool, name, param);
}

static const struct
{
  const char *name;
  GtkWidgetActionActivateFunc activate;
  gsize offset;   /* of the tool's vfunc that must be there */
} shared[] = {
  { "canvas.select-all", select_all_action, G_STRUCT_OFFSET (CcSheetToolClass, select_all) },
  { "canvas.delete", delete_action, G_STRUCT_OFFSET (CcSheetToolClass, delete_selection) },
  { "canvas.copy", copy_action, G_STRUCT_OFFSET (CcSheetToolClass, copy) },
  { "canvas.cut", copy_action, G_STRUCT_OFFSET (CcSheetToolClass, copy) },
  { "canvas.paste", paste_action, G_STRUCT_OFFSET (CcSheetToolClass, paste) },
};

static const char * const switches[] = {
  "canvas.link-type", "link-type",
  "canvas.show-legend", "show-legend",
  "canvas.planned-view", "planned-view",
  "canvas.vertical", "vertical",
};

void
cc_sheet_view_class_install_actions (GtkWidgetClass *widget_class)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const GType *types;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      gtk_widget_class_install_action (widget_class, shared[i].name, NULL, shared[i].activate);
      g_hash_table_add (seen, (gpointer) shared[i].name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (switches); i += 2)
    gtk_widget_class_install_property_action (widget_class, switches[i], switches[i + 1]);
  types = cc_sheet_tool_types (&n);
  for (guint t = 0; t < n; t++)
    {
      /* Kept: the classes hold the tables. */
      CcSheetToolClass *klass = g_type_class_ref (types[t]);

      for (guint i = 0; i < klass->n_actions; i++)
        if (g_hash_table_add (seen, (gpointer) klass->actions[i].name))
          gtk_widget_class_install_action (widget_class, klass->actions[i].name, klass->actions[i].param_type,
                                           tool_action);
    }
}

/* Which actions the tool in use offers, now. */
void
cc_sheet_view_actions_update (CcSheetView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CcSheetToolClass *klass = tool_class (self);
  const GType *types;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    gtk_widget_action_set_enabled (widget, shared[i].name,
                                   klass != NULL && G_STRUCT_MEMBER (gpointer, klass, shared[i].offset) != NULL
                                   && enabled (self, shared[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (switches); i += 2)
    gtk_widget_action_set_enabled (widget, switches[i], enabled (self, switches[i]));
  types = cc_sheet_tool_types (&n);
  for (guint t = 0; t < n; t++)
    {
      CcSheetToolClass *other = g_type_class_peek (types[t]);

      for (guint i = 0; other != NULL && i < other->n_actions; i++)
        gtk_widget_action_set_enabled (widget, other->actions[i].name,
                                       find_tool_action (self, other->actions[i].name) != NULL
                                       && enabled (self, other->actions[i].name));
    }
}
