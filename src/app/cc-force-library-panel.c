/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-force-library-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-force-library-panel.h"

struct _CcForceLibraryPanel
{
  GtkWidget          parent_instance;

  /* Template children */
  GtkWidget         *box;
  GtkSearchEntry    *search_entry;
  GtkListBox        *list;
  GtkExpander       *problems_expander;
  GtkLabel          *problems_label;
  GtkExpander       *add_expander;
  GtkEntry          *label_entry;
  GtkEntry          *description_entry;
  GtkDropDown       *side_dropdown;
  GtkSpinButton     *strength_spin;
  GtkLabel          *add_error_label;
  GtkButton         *save_button;

  GtkLabel          *placeholder;
  CcForceLibrary    *library;
  GHashTable        *matches;     /* CcForceEntry* of the search, or NULL: all */
};

G_DEFINE_FINAL_TYPE (CcForceLibraryPanel, cc_force_library_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  SIGNAL_ADD_FORCE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GQuark entry_quark;
static GQuark side_quark;

/* Helpers */

static CcForceEntry *
row_entry (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_qdata (G_OBJECT (row), entry_quark) : NULL;
}

static gboolean
row_shown (GtkListBoxRow *row)
{
  return gtk_widget_get_visible (GTK_WIDGET (row)) && gtk_widget_get_child_visible (GTK_WIDGET (row));
}

static GtkListBoxRow *
first_shown_row (CcForceLibraryPanel *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (row_shown (row))
      return row;
  return NULL;
}

/* The row that has the keyboard, or holds the widget that has it. */
static GtkListBoxRow *
focused_row (CcForceLibraryPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return NULL;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL ? GTK_LIST_BOX_ROW (row) : NULL;
}

static void
emit_add (CcForceLibraryPanel *self,
          CcForceEntry        *entry,
          CcSide               side)
{
  g_autoptr(CcForceEntry) held = cc_force_entry_ref (entry);

  g_signal_emit (self, signals[SIGNAL_ADD_FORCE], 0, held->label, held->description, (int) side, held->strength);
}

static char *
hint_text (CcForceEntry *entry)
{
  GString *hint = g_string_new (NULL);
  gboolean driving = entry->side == CC_SIDE_DRIVING;

  if (entry->user)
    g_string_printf (hint,
                     /* Translators: under one of the user's own forces; %d is its strength, 1 to 5. */
                     driving ? _("Yours, usually driving, strength %d")
                             /* Translators: under one of the user's own forces; %d is its strength, 1 to 5. */
                             : _("Yours, usually resisting, strength %d"),
                     entry->strength);
  else
    g_string_printf (hint,
                     /* Translators: under a force of the library; %d is its suggested strength, 1 to 5. */
                     driving ? _("Usually driving, strength %d")
                             /* Translators: under a force of the library; %d is its suggested strength, 1 to 5. */
                             : _("Usually resisting, strength %d"),
                     entry->strength);
  for (guint i = 0; entry->tags[i] != NULL; i++)
    {
      g_string_append (hint, i == 0 ? " · " : ", ");
      cc_bidi_append (hint, entry->tags[i]);
    }
  return g_string_free (hint, FALSE);
}

static void side_clicked_cb (CcForceLibraryPanel *self, GtkButton *button);
static void remove_clicked_cb (CcForceLibraryPanel *self, GtkButton *button);

static GtkWidget *
side_button (CcForceLibraryPanel *self,
             CcForceEntry        *entry,
             CcSide               side)
{
  GtkWidget *button = gtk_button_new_with_label (side == CC_SIDE_DRIVING ? _("Driving") : _("Resisting"));
  g_autofree char *name = cc_bidi_isolate (entry->label);
  g_autofree char *label = g_strdup_printf (side == CC_SIDE_DRIVING ? _("Add “%s” as a driving force")
                                                                    : _("Add “%s” as a resisting force"),
                                            name);

  g_object_set_qdata (G_OBJECT (button), side_quark, GINT_TO_POINTER (side + 1));
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (button, side == CC_SIDE_DRIVING ? "driving" : "resisting");
  if (side == entry->side)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_object (button, "clicked", G_CALLBACK (side_clicked_cb), self, G_CONNECT_SWAPPED);
  return button;
}

static GtkWidget *
make_row (CcForceLibraryPanel *self,
          CcForceEntry        *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (entry->label);
  GtkWidget *hint;
  g_autofree char *hint_str = hint_text (entry);
  g_autofree char *description = NULL;

  g_object_set_qdata_full (G_OBJECT (row), entry_quark, cc_force_entry_ref (entry),
                           (GDestroyNotify) cc_force_entry_unref);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_name (title, "title");
  gtk_box_append (GTK_BOX (box), title);

  if (entry->description[0] != '\0')
    {
      GtkWidget *text = gtk_label_new (entry->description);

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_widget_set_name (text, "description");
      gtk_box_append (GTK_BOX (box), text);
    }

  hint = gtk_label_new (hint_str);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_name (hint, "hint");
  gtk_box_append (GTK_BOX (box), hint);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 4);
  if (entry->user)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = cc_bidi_isolate (entry->label);
      g_autofree char *label = g_strdup_printf (_("Remove “%s” from your forces"), name);

      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_name (remove, "remove");
      gtk_widget_set_margin_end (remove, 6);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (buttons), remove);
    }
  gtk_box_append (GTK_BOX (buttons), side_button (self, entry, CC_SIDE_DRIVING));
  gtk_box_append (GTK_BOX (buttons), side_button (self, entry, CC_SIDE_RESISTING));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (entry->description[0] != '\0')
    {
      g_autofree char *isolated = cc_bidi_isolate (entry->description);

      description = g_strdup_printf ("%s. %s", hint_str, isolated);
    }
  else
    description = g_strdup (hint_str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry->label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       data)
{
  CcForceLibraryPanel *self = data;

  return self->matches == NULL || g_hash_table_contains (self->matches, row_entry (row));
}

/* "Your Forces" above the user's, "Library" above the others when some of
 * the user's are shown above them. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       data)
{
  CcForceEntry *entry = row_entry (row);
  CcForceEntry *previous = row_entry (before);
  const char *title = NULL;

  if (entry->user && (previous == NULL || !previous->user))
    title = _("Your Forces");
  else if (!entry->user && previous != NULL && previous->user)
    title = _("Library");

  if (title == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (!GTK_IS_LABEL (gtk_list_box_row_get_header (row)) ||
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_header (row))), title) != 0)
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_header (row, label);
    }
}

static void
update_filter (CcForceLibraryPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->matches, g_hash_table_unref);
  if (stripped[0] != '\0' && self->library != NULL)
    {
      g_autoptr(GPtrArray) found = cc_force_library_search (self->library, stripped);

      self->matches = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < found->len; i++)
        g_hash_table_add (self->matches, found->pdata[i]);
    }
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);

  if (stripped[0] != '\0')
    {
      g_autofree char *isolated = cc_bidi_isolate (stripped);
      g_autofree char *message = g_strdup_printf (_("No forces match “%s”"), isolated);

      gtk_label_set_label (self->placeholder, message);
    }
  else
    gtk_label_set_label (self->placeholder, _("The force library is empty"));
}

static void
update_problems (CcForceLibraryPanel *self)
{
  GPtrArray *problems = self->library != NULL ? cc_force_library_get_problems (self->library) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (problems == NULL || problems->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_expander), FALSE);
      return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problems->pdata[i]);
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem reading force files",
                                        "%u problems reading force files", problems->len),
                           problems->len);
  gtk_expander_set_label (self->problems_expander, title);
  gtk_label_set_label (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_expander), TRUE);
}

static void
rebuild (CcForceLibraryPanel *self)
{
  GtkListBoxRow *focus_row = focused_row (self);
  g_autofree char *focus_id = NULL;
  int focus_index = -1;
  GtkListBoxRow *row;
  GPtrArray *entries;

  if (focus_row != NULL)
    {
      focus_id = g_strdup (row_entry (focus_row)->id);
      focus_index = gtk_list_box_row_get_index (focus_row);
    }

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));

  if (self->library != NULL)
    {
      entries = cc_force_library_get_entries (self->library);
      /* The user's first, then the library's; each by label. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < entries->len; i++)
          {
            CcForceEntry *entry = entries->pdata[i];

            if ((pass == 0) == (entry->user != FALSE))
              gtk_list_box_append (self->list, make_row (self, entry));
          }
    }
  update_filter (self);
  update_problems (self);
  gtk_widget_set_sensitive (gtk_expander_get_child (self->add_expander),
                            self->library != NULL && cc_force_library_get_user_path (self->library) != NULL);

  /* Keep the keyboard where it was: on the same force, or the same place. */
  if (focus_row != NULL)
    {
      GtkListBoxRow *target = NULL;

      for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
        if (row_shown (row) && g_strcmp0 (row_entry (row)->id, focus_id) == 0)
          target = row;
      for (int i = focus_index; target == NULL && i >= 0; i--)
        if ((row = gtk_list_box_get_row_at_index (self->list, i)) != NULL && row_shown (row))
          target = row;
      if (target == NULL)
        target = first_shown_row (self);
      if (target != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (target));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

static void
show_error (CcForceLibraryPanel *self,
            const char          *message)
{
  gtk_label_set_label (self->add_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), message != NULL);
  if (message != NULL)
    gtk_expander_set_expanded (self->add_expander, TRUE);
}

/* Signal callbacks */

static void
library_changed_cb (CcForceLibraryPanel *self,
                    CcForceLibrary      *library)
{
  rebuild (self);
}

static void
side_clicked_cb (CcForceLibraryPanel *self,
                 GtkButton           *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int side = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (button), side_quark)) - 1;
  CcForceEntry *entry = row != NULL ? row_entry (GTK_LIST_BOX_ROW (row)) : NULL;

  if (entry != NULL && side >= 0)
    emit_add (self, entry, (CcSide) side);
}

static void
remove_clicked_cb (CcForceLibraryPanel *self,
                   GtkButton           *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  CcForceEntry *entry = row != NULL ? row_entry (GTK_LIST_BOX_ROW (row)) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (entry == NULL || self->library == NULL)
    return;
  /* Keep the keyboard in the list once the row has gone. */
  gtk_widget_grab_focus (row);
  id = g_strdup (entry->id);
  if (!cc_force_library_remove_user (self->library, id, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static void
row_activated_cb (CcForceLibraryPanel *self,
                  GtkListBoxRow       *row)
{
  CcForceEntry *entry = row_entry (row);

  if (entry != NULL)
    emit_add (self, entry, entry->side);
}

static gboolean
list_keynav_failed_cb (CcForceLibraryPanel *self,
                       GtkDirectionType     direction)
{
  if (direction != GTK_DIR_UP)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Shift+Enter on a row: the force on the side it does not usually take. */
static gboolean
list_key_pressed_cb (CcForceLibraryPanel   *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  CcForceEntry *entry;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != GDK_SHIFT_MASK ||
      focus == NULL || !GTK_IS_LIST_BOX_ROW (focus))
    return FALSE;
  entry = row_entry (GTK_LIST_BOX_ROW (focus));
  if (entry == NULL)
    return FALSE;
  emit_add (self, entry, entry->side == CC_SIDE_DRIVING ? CC_SIDE_RESISTING : CC_SIDE_DRIVING);
  return TRUE;
}

/* Typing while the keyboard is in the list goes on in the search. (Not
 * gtk_search_entry_set_key_capture_widget: it would pass Enter to the search
 * as well, and Enter on a row or a button must activate it.) */
static gboolean
list_key_typed_cb (CcForceLibraryPanel   *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkEditable *editable = GTK_EDITABLE (self->search_entry);
  char text[8] = { 0 };
  int position;

  if (c == 0 || !g_unichar_isgraph (c) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  g_unichar_to_utf8 (c, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  position = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
  return TRUE;
}

/* Down (or Page Down) in the search: into the list. */
static gboolean
search_key_pressed_cb (CcForceLibraryPanel   *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_Page_Down)
    return FALSE;
  row = first_shown_row (self);
  if (row == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
search_changed_cb (CcForceLibraryPanel *self)
{
  update_filter (self);
}

static void
stop_search_cb (CcForceLibraryPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter in the search: to the first force found. */
static void
search_activate_cb (CcForceLibraryPanel *self)
{
  GtkListBoxRow *row = first_shown_row (self);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
save_cb (CcForceLibraryPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->label_entry));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_entry));
  CcSide side = gtk_drop_down_get_selected (self->side_dropdown) == 1 ? CC_SIDE_RESISTING : CC_SIDE_DRIVING;
  int strength = gtk_spin_button_get_value_as_int (self->strength_spin);

  if (self->library == NULL)
    return;
  if (cc_force_library_add_user (self->library, label, description, side, strength, &error) == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry), "");
  gtk_spin_button_set_value (self->strength_spin, 3);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
}

/* GObject */

static void
cc_force_library_panel_set_library (CcForceLibraryPanel *self,
                                    CcForceLibrary      *library)
{
  g_return_if_fail (library == NULL || CC_IS_FORCE_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  if (library != NULL)
    g_signal_connect_object (library, "changed", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
cc_force_library_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CcForceLibraryPanel *self = CC_FORCE_LIBRARY_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_force_library_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CcForceLibraryPanel *self = CC_FORCE_LIBRARY_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      cc_force_library_panel_set_library (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_force_library_panel_dispose (GObject *object)
{
  CcForceLibraryPanel *self = CC_FORCE_LIBRARY_PANEL (object);

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_func (self->library, library_changed_cb, self);
  g_clear_object (&self->library);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_FORCE_LIBRARY_PANEL);

  G_OBJECT_CLASS (cc_force_library_panel_parent_class)->dispose (object);
}

static gboolean
cc_force_library_panel_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CC_FORCE_LIBRARY_PANEL (widget)->search_entry));
}

static void
cc_force_library_panel_class_init (CcForceLibraryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cc_force_library_panel_get_property;
  object_class->set_property = cc_force_library_panel_set_property;
  object_class->dispose = cc_force_library_panel_dispose;
  widget_class->grab_focus = cc_force_library_panel_grab_focus;

  entry_quark = g_quark_from_static_string ("cc-force-library-panel-entry");
  side_quark = g_quark_from_static_string ("cc-force-library-panel-side");

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, CC_TYPE_FORCE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CcForceLibraryPanel::add-force:
   * @label: the force's label
   * @description: its description, possibly ""
   * @side: the CcSide to add it on
   * @strength: the suggested strength, 1 to 5
   *
   * Emitted when the user chooses to add a force to the sheet.
   */
  signals[SIGNAL_ADD_FORCE] = g_signal_new ("add-force", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                            G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-force-library-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, list);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, problems_expander);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, add_expander);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, label_entry);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, description_entry);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, side_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, strength_spin);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcForceLibraryPanel, save_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_keynav_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "forcelibrary");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cc_force_library_panel_init (CcForceLibraryPanel *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Filtering is cheap (some tens of forces): follow every key at once. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_typed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list), controller);

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_label_set_justify (self->placeholder, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (GTK_WIDGET (self->placeholder), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->placeholder), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_list_box_set_placeholder (self->list, GTK_WIDGET (self->placeholder));

  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  rebuild (self);
}

/* Public API */

GtkWidget *
cc_force_library_panel_new (CcForceLibrary *library)
{
  g_return_val_if_fail (library == NULL || CC_IS_FORCE_LIBRARY (library), NULL);

  return g_object_new (CC_TYPE_FORCE_LIBRARY_PANEL, "library", library, NULL);
}

CcForceLibrary *
cc_force_library_panel_get_library (CcForceLibraryPanel *self)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY_PANEL (self), NULL);
  return self->library;
}

void
cc_force_library_panel_focus_search (CcForceLibraryPanel *self)
{
  g_return_if_fail (CC_IS_FORCE_LIBRARY_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
