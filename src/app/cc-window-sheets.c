/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-canvas-edit.h"
#include "cc-map-edit.h"
#include "cc-template.h"
#include "cc-template-library.h"
#include "cc-window-private.h"

/* The sidebar: one row a sheet, in the project's order, with its icon, its
 * title and its kind. A row is chosen to show its sheet, dragged onto
 * another to move it there, and pressed with the secondary button for its
 * menu. */

/* ---- the rows ----------------------------------------------------------- */

static const char *
sheet_icon_name (CcKind kind)
{
  switch (kind)
    {
    case CC_KIND_MAP:
      return "concord-map-symbolic";
    case CC_KIND_FORCEFIELD:
      return "concord-forcefield-symbolic";
    case CC_KIND_CANVAS:
      return "concord-canvas-symbolic";
    case CC_KIND_NEWER_SHEET:
      return "concord-newer-sheet-symbolic";
    default:
      return "x-office-document-symbolic";
    }
}

static const char *
sheet_kind_label (CcKind kind)
{
  switch (kind)
    {
    case CC_KIND_MAP:
      return _("Partnership map");
    case CC_KIND_FORCEFIELD:
      return _("Force-field analysis");
    case CC_KIND_CANVAS:
      return _("Design canvas");
    case CC_KIND_NEWER_SHEET:
      return _("Made by a newer Concord");
    default:
      return "";
    }
}

static const char *
sheet_title (CcItem *sheet)
{
  const char *title = cc_item_get_string (sheet, CC_SHEET_TITLE);

  return title != NULL && title[0] != '\0' ? title : _("Untitled Sheet");
}

static GtkWidget *
create_sheet_row (CcItem *sheet)
{
  GtkWidget *row, *box, *labels, *image, *title, *subtitle;
  CcKind kind = cc_item_get_kind (sheet);

  image = gtk_image_new_from_icon_name (sheet_icon_name (kind));
  gtk_widget_add_css_class (image, "sheet-icon");

  /* Long titles take two lines before they are cut short. */
  title = gtk_label_new (sheet_title (sheet));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_label_set_width_chars (GTK_LABEL (title), 20);
  gtk_widget_add_css_class (title, "sheet-title");

  subtitle = gtk_label_new (sheet_kind_label (kind));
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "sheet-kind");
  gtk_widget_add_css_class (subtitle, "dim-label");

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), labels);

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "sheet-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, sheet_title (sheet));
  g_object_set_data_full (G_OBJECT (row), "cc-sheet", cc_item_ref (sheet),
                          (GDestroyNotify) cc_item_unref);
  g_object_set_data (G_OBJECT (row), "cc-title-label", title);
  return row;
}

static GtkListBoxRow *
find_sheet_row (CcWindow *self,
                CcItem   *sheet)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sheet_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), "cc-sheet") == sheet)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

gboolean
_cc_window_project_has_sheet (CcProject *project,
                              CcItem    *sheet)
{
  guint n = cc_project_get_n_sheets (project);

  for (guint i = 0; i < n; i++)
    if (cc_project_get_sheet (project, i) == sheet)
      return TRUE;
  return FALSE;
}

void
_cc_window_show_sheet (CcWindow *self,
                       CcItem   *sheet)
{
  GtkListBoxRow *row;

  if (sheet != self->sheet)
    {
      if (sheet != NULL)
        cc_item_ref (sheet);
      g_clear_pointer (&self->sheet, cc_item_unref);
      self->sheet = sheet;
      /* The view resets its selection, which the inspector and find share. */
      cc_sheet_view_set_sheet (self->sheet_view, sheet ? self->project : NULL, sheet);
      /* The inspector follows the selection to the project of the sheet. */
      cc_inspector_set_selection (self->inspector, NULL);
      cc_inspector_set_selection (self->inspector, self->selection);
      cc_outline_set_selection (self->outline, NULL);
      cc_outline_set_selection (self->outline, self->selection);
      g_clear_pointer (&self->matches, g_ptr_array_unref);
    }

  row = sheet != NULL ? find_sheet_row (self, sheet) : NULL;
  self->populating = TRUE;
  gtk_list_box_select_row (self->sheet_list, row);
  self->populating = FALSE;

  _cc_window_update_state (self);
  _cc_window_actions_update (self);
  _cc_window_present_sheet_changed (self);
}

/* ---- reordering: sheets are moved by dragging their rows ---------------- */

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     GtkWidget     *row)
{
  CcItem *sheet = g_object_get_data (G_OBJECT (row), "cc-sheet");

  return gdk_content_provider_new_typed (G_TYPE_STRING, cc_item_get_id (sheet));
}

static void
row_drag_begin_cb (GtkDragSource *source,
                   GdkDrag       *drag,
                   GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             GtkWidget     *row)
{
  CcWindow *self = CC_WINDOW (gtk_widget_get_root (row));
  CcItem *onto = g_object_get_data (G_OBJECT (row), "cc-sheet");
  CcItem *sheet;

  if (!G_VALUE_HOLDS_STRING (value) || self->project == NULL)
    return FALSE;
  sheet = cc_project_lookup (self->project, g_value_get_string (value));
  if (sheet == NULL || !_cc_window_project_has_sheet (self->project, sheet) || sheet == onto)
    return FALSE;
  cc_project_move (self->project, sheet, cc_item_get_index (onto));
  _cc_window_show_sheet (self, sheet);
  return TRUE;
}

static void
add_row_dnd (GtkWidget *row)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (row_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (row_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

void
_cc_window_rebuild_sheet_list (CcWindow *self,
                               guint     fallback_index)
{
  GtkWidget *child;
  guint n = self->project != NULL ? cc_project_get_n_sheets (self->project) : 0;
  CcItem *sheet = NULL;

  self->populating = TRUE;
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sheet_list, 0))) != NULL)
    gtk_list_box_remove (self->sheet_list, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = create_sheet_row (cc_project_get_sheet (self->project, i));

      add_row_dnd (row);
      gtk_list_box_append (self->sheet_list, row);
    }
  self->populating = FALSE;

  /* Keep the sheet in view when it is still there, else its neighbour. */
  if (self->sheet != NULL && _cc_window_project_has_sheet (self->project, self->sheet))
    sheet = self->sheet;
  else if (n > 0)
    sheet = cc_project_get_sheet (self->project, MIN (fallback_index, n - 1));
  _cc_window_show_sheet (self, sheet);
}

/* ---- following the project and the pointer ------------------------------ */

/* A sheet was renamed, added, removed or moved. */
void
_cc_window_sheets_changed_cb (CcWindow *self,
                              CcChange *change)
{
  CcItem *root = cc_project_get_root (self->project);

  if (change->type == CC_CHANGE_SET)
    {
      if (cc_kind_is_sheet (cc_item_get_kind (change->item)) && change->field == CC_SHEET_TITLE)
        {
          GtkListBoxRow *row = find_sheet_row (self, change->item);

          if (row != NULL)
            {
              GtkLabel *label = g_object_get_data (G_OBJECT (row), "cc-title-label");

              gtk_label_set_text (label, sheet_title (change->item));
              gtk_widget_set_tooltip_text (GTK_WIDGET (row), sheet_title (change->item));
            }
          if (change->item == self->sheet)
            _cc_window_present_update_bar (self);
        }
      return;
    }

  if (change->parent == root && change->slot == CC_PROJECT_SHEETS)
    {
      guint fallback = change->index;

      if (self->sheet != NULL && change->item != self->sheet
          && _cc_window_project_has_sheet (self->project, self->sheet))
        fallback = cc_item_get_index (self->sheet);
      _cc_window_rebuild_sheet_list (self, fallback);
    }
}

static void
sheet_row_selected_cb (CcWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  if (self->populating || row == NULL)
    return;
  _cc_window_show_sheet (self, g_object_get_data (G_OBJECT (row), "cc-sheet"));

  /* On a narrow window the list covers the sheet: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
sheet_list_pressed_cb (CcWindow        *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkGestureClick *gesture)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->sheet_list, (int) y);
  GtkWidget *parent = gtk_widget_get_parent (self->sheet_popover);
  GdkRectangle rect = { 0, 0, 1, 1 };
  double px = x, py = y;

  if (row == NULL)
    return;
  gtk_widget_translate_coordinates (GTK_WIDGET (self->sheet_list), parent, x, y, &px, &py);
  rect.x = (int) px;
  rect.y = (int) py;
  _cc_window_show_sheet (self, g_object_get_data (G_OBJECT (row), "cc-sheet"));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->sheet_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->sheet_popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* ---- adding, duplicating, deleting, renaming, stepping through ---------- */

/* Adds a sheet after the one shown: @type is "map", "forcefield", "canvas"
 * (collaborative gain) or "canvas:ID" (the template of that id). */
void
_cc_window_add_sheet (CcWindow   *self,
                      const char *type)
{
  CcKind kind;
  const char *title;
  CcItem *sheet;

  if (self->project == NULL)
    return;
  if (g_str_equal (type, "forcefield"))
    {
      kind = CC_KIND_FORCEFIELD;
      title = _("New Force-Field Analysis");
    }
  else if (g_str_equal (type, "canvas") || g_str_has_prefix (type, "canvas:"))
    {
      /* "canvas:ID" names the template; "canvas" alone is collaborative gain */
      const char *id = type[strlen ("canvas")] == ':' ? type + strlen ("canvas:") : "collaborative-gain";
      CcItem *tmpl = cc_project_find_template (self->project, id);

      if (tmpl == NULL)
        tmpl = cc_template_library_lookup (cc_template_library_get_default (), id);
      if (tmpl == NULL)
        {
          g_autofree char *isolated = cc_bidi_isolate (id);
          g_autofree char *text = g_strdup_printf (_("No template “%s”"), isolated);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          return;
        }
      sheet = cc_project_add_canvas (self->project, tmpl, NULL,
                                     self->sheet != NULL ? (int) cc_item_get_index (self->sheet) + 1 : -1);
      _cc_window_show_sheet (self, sheet);
      return;
    }
  else
    {
      kind = CC_KIND_MAP;
      title = _("New Partnership Map");
    }
  sheet = cc_project_add_sheet (self->project, kind, title,
                                self->sheet != NULL ? (int) cc_item_get_index (self->sheet) + 1 : -1);
  if (sheet != NULL)
    _cc_window_show_sheet (self, sheet);
}

/* One "add" item a canvas template, the shipped ones and the user's own. */
static void
add_template_items (CcWindow *self)
{
  CcTemplateLibrary *library = cc_template_library_get_default ();
  GPtrArray *templates = cc_template_library_get_templates (library);
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; i < templates->len; i++)
    {
      CcItem *tmpl = templates->pdata[i];
      g_autofree char *target = g_strconcat ("canvas:", cc_item_get_string (tmpl, CC_TEMPLATE_ID), NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (_(cc_item_get_string (tmpl, CC_TEMPLATE_TITLE)), NULL);

      g_menu_item_set_action_and_target (item, "win.add-sheet", "s", target);
      g_menu_item_set_attribute (item, G_MENU_ATTRIBUTE_ICON, "s", "concord-canvas-symbolic");
      g_menu_append_item (section, item);
    }
  g_menu_append_section (G_MENU (self->add_sheet_menu), _("Design Canvas"), G_MENU_MODEL (section));
}

/* Templates that could not be read are told once, in the first window. */
static void
report_template_problems (CcWindow *self)
{
  static gboolean told;
  GPtrArray *problems = cc_template_library_get_problems (cc_template_library_get_default ());
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (told || problems->len == 0)
    return;
  told = TRUE;
  for (guint i = 0; i < problems->len; i++)
    g_message ("Template skipped: %s", (const char *) problems->pdata[i]);
  if (problems->len == 1)
    text = g_strdup_printf (_("A canvas template was skipped: %s"), (const char *) problems->pdata[0]);
  else
    text = g_strdup_printf (_("%u canvas templates were skipped; the first: %s"), problems->len,
                            (const char *) problems->pdata[0]);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_cc_window_duplicate_sheet (CcWindow *self)
{
  CcItem *copy;

  if (self->project == NULL || self->sheet == NULL)
    return;
  copy = cc_project_duplicate_sheet (self->project, self->sheet);
  if (copy != NULL)
    _cc_window_show_sheet (self, copy);
}

/* Deletes the sheet shown, with an Undo; @from_key: asked by the Delete key. */
void
_cc_window_delete_sheet (CcWindow *self,
                         gboolean  from_key)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (self->project == NULL || self->sheet == NULL)
    return;
  /* The Delete key deletes a sheet only from the list of sheets. */
  if (from_key
      && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sheet_list))))
    return;

  title = cc_bidi_isolate (sheet_title (self->sheet));
  text = g_strdup_printf (_("“%s” deleted"), title);
  cc_project_delete (self->project, self->sheet);
  _cc_window_show_undo_toast (self, text);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  CcWindow *self = user_data;
  CcItem *sheet = g_object_get_data (G_OBJECT (dialog), "cc-sheet");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cc-entry");
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "rename") != 0 || sheet == NULL || self->project == NULL
      || !_cc_window_project_has_sheet (self->project, sheet))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (title[0] != '\0' && g_strcmp0 (title, cc_item_get_string (sheet, CC_SHEET_TITLE)) != 0)
    cc_project_set_string (self->project, sheet, CC_SHEET_TITLE, title);
}

void
_cc_window_rename_sheet (CcWindow *self)
{
  GtkWidget *dialog, *entry;

  if (self->project == NULL || self->sheet == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Sheet"), NULL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), cc_item_get_string (self->sheet, CC_SHEET_TITLE));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "cc-response", (gpointer) "rename");
  g_signal_connect_object (entry, "changed", G_CALLBACK (_cc_window_entry_enables_response_cb), dialog, 0);

  g_object_set_data_full (G_OBJECT (dialog), "cc-sheet", cc_item_ref (self->sheet),
                          (GDestroyNotify) cc_item_unref);
  g_object_set_data (G_OBJECT (dialog), "cc-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Shows the next sheet (@step 1) or the one before (-1), if there is one. */
void
_cc_window_step_sheet (CcWindow *self,
                       int       step)
{
  guint n;
  int index;

  if (self->project == NULL || self->sheet == NULL)
    return;
  n = cc_project_get_n_sheets (self->project);
  index = (int) cc_item_get_index (self->sheet) + step;
  if (index >= 0 && (guint) index < n)
    _cc_window_show_sheet (self, cc_project_get_sheet (self->project, index));
}

/* ---- setting up --------------------------------------------------------- */

void
_cc_window_class_sheets_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, sheet_list_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_row_selected_cb);
}

/* The menu of each row, and the "add" menu's canvas templates. */
void
_cc_window_sheets_init (CcWindow *self)
{
  self->sheet_popover = gtk_popover_menu_new_from_model (self->sheet_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->sheet_popover), FALSE);
  gtk_widget_set_halign (self->sheet_popover, GTK_ALIGN_START);
  /* On the sidebar box, whose layout leaves popovers out of its size. */
  gtk_widget_set_parent (self->sheet_popover,
                         self->sidebar);

  add_template_items (self);
  report_template_problems (self);
}
