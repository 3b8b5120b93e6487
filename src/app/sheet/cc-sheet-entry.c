/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-sheet-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cc-map-edit.h"
#include "cc-quick-entry.h"
#include "cc-sheet-view-internal.h"

/* The inline entry: a line (or, for a card, a text of several lines) over
 * the sheet, with the project's organisations that match under it. The
 * tool that opens it says what the text becomes (entry_commit). */

#define MAX_MATCHES  6
#define EDITOR_WIDTH 220
#define WIDE_WIDTH   520

static void
close_entry (CcSheetView *self)
{
  self->entry_open = FALSE;
  g_clear_pointer (&self->entry_not_actor, cc_item_unref);
  g_ptr_array_set_size (self->matches, 0);
  g_ptr_array_set_size (self->type_words, 0);
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->editor)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* With CC_SHEET_ENTRY_COMPLETE: where the name being typed starts and ends
 * in @text (bytes): after the last "--" or "->", before any "[" or ":". */
static void
name_being_typed (const char *text,
                  int        *start,
                  int        *end)
{
  const char *from = text;

  for (const char *p = text; *p != '\0'; p++)
    if (p[0] == '-' && (p[1] == '-' || p[1] == '>'))
      from = p + 2;
  *start = (int) (from - text);
  *end = (int) (strcspn (from, "[:") + *start);
}

/* With CC_SHEET_ENTRY_COMPLETE: where the link type being typed after a
 * link's ":" starts in @text (bytes), past a strength said first; -1 when
 * no type is what is being typed (no link, no ":", or a strength last). */
static int
type_being_typed (const char *text)
{
  const char *colon, *p, *last;
  int start, end;

  name_being_typed (text, &start, &end);
  colon = strchr (text + start, ':');
  if (start == 0 || colon == NULL)
    return -1;
  p = colon + 1 + strspn (colon + 1, " \t");
  if (g_ascii_isdigit (*p))
    {
      const char *after = p + strspn (p, "0123456789");

      if (*after != ' ' && *after != '\t')
        return -1;
      p = after + strspn (after, " \t");
    }
  /* The word being typed last: a number there is the strength. */
  last = p;
  for (const char *q = p; *q != '\0'; q++)
    if ((*q == ' ' || *q == '\t') && q[1] != ' ' && q[1] != '\t' && q[1] != '\0')
      last = q + 1;
  if (*last != '\0' && strspn (last, "0123456789") == strcspn (last, " \t"))
    return -1;
  return (int) (p - text);
}

/* The rows of link types that complete @typed. */
static void
add_type_rows (CcSheetView *self,
               const char  *typed)
{
  g_autoptr(GPtrArray) words = cc_quick_link_types_starting (self->project, typed);
  g_autofree char *want = g_utf8_casefold (typed, -1);

  /* Typed out already: nothing to offer. */
  if (words->len == 1)
    {
      g_autofree char *only = g_utf8_casefold (words->pdata[0], -1);

      if (g_str_equal (only, want))
        return;
    }
  for (guint i = 0; i < words->len && i < MAX_MATCHES; i++)
    {
      GtkWidget *label = gtk_label_new (words->pdata[i]), *row;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (GTK_LIST_BOX (self->suggestions), label);
      row = gtk_widget_get_last_child (self->suggestions);
      gtk_widget_set_focusable (row, FALSE);
      g_ptr_array_add (self->type_words, g_strdup (words->pdata[i]));
    }
}

static void
update_matches (CcSheetView *self)
{
  GtkWidget *row;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = NULL;

  if (self->entry_flags & CC_SHEET_ENTRY_COMPLETE)
    {
      int start, end;

      name_being_typed (text, &start, &end);
      /* Only while the name is what is being typed. */
      stripped = text[end] == '\0' ? g_strstrip (g_strndup (text + start, end - start)) : g_strdup ("");
    }
  else
    stripped = g_strstrip (g_strdup (text));

  while ((row = gtk_widget_get_first_child (self->suggestions)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->suggestions), row);
  g_ptr_array_set_size (self->matches, 0);
  g_ptr_array_set_size (self->type_words, 0);

  if (self->entry_flags & CC_SHEET_ENTRY_COMPLETE)
    {
      int type_at = type_being_typed (text);
      g_autofree char *typed = type_at >= 0 ? g_strstrip (g_strdup (text + type_at)) : NULL;

      if (typed != NULL && typed[0] != '\0')
        add_type_rows (self, typed);
    }

  if ((self->entry_flags & (CC_SHEET_ENTRY_SUGGEST | CC_SHEET_ENTRY_COMPLETE)) && stripped[0] != '\0')
    {
      g_autoptr(GPtrArray) found = cc_project_match_actors (self->project, stripped, MAX_MATCHES + 1);

      /* Not the organisation a new link starts from. */
      g_ptr_array_remove (found, self->entry_not_actor);
      for (guint i = 0; i < found->len && i < MAX_MATCHES; i++)
        {
          GtkWidget *label = gtk_label_new (cc_item_get_string (found->pdata[i], CC_ACTOR_NAME));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_list_box_append (GTK_LIST_BOX (self->suggestions), label);
          row = gtk_widget_get_last_child (self->suggestions);
          gtk_widget_set_focusable (row, FALSE);
          g_ptr_array_add (self->matches, cc_item_ref (found->pdata[i]));
        }
    }
  gtk_widget_set_visible (self->suggestions, self->matches->len > 0 || self->type_words->len > 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * cc_sheet_view_open_entry:
 * @not_actor: (nullable): an organisation not to suggest
 *
 * Opens the inline entry over sheet point (@sx, @sy), holding @text, for
 * the tool in use; what is open already is dropped first.
 */
void
cc_sheet_view_open_entry (CcSheetView       *self,
                          double             sx,
                          double             sy,
                          const char        *text,
                          const char        *hint,
                          CcSheetEntryFlags  flags,
                          CcItem            *not_actor)
{
  gboolean multiline = (flags & CC_SHEET_ENTRY_TEXT) != 0;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->card_text));
  GtkTextIter start, end;

  /* What was open is replaced: the tool sets what this one is for. */
  if (self->entry_open)
    close_entry (self);
  self->edit_session++;
  self->entry_open = TRUE;
  self->entry_flags = flags;
  self->edit_x = sx;
  self->edit_y = sy;
  if (not_actor != NULL)
    self->entry_not_actor = cc_item_ref (not_actor);
  if (text == NULL)
    text = "";

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_remove_css_class (self->entry, "error");
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, NULL);
  gtk_widget_set_tooltip_text (self->entry, NULL);
  gtk_widget_set_visible (self->entry_error, FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  update_matches (self);
  /* A card's text runs over several lines (Shift+Enter starts a new one). */
  gtk_widget_set_visible (self->entry, !multiline);
  gtk_widget_set_visible (self->card_scroller, multiline);
  gtk_text_buffer_set_text (buffer, multiline ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->card_text), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  gtk_widget_set_visible (self->editor, TRUE);
  if (multiline)
    {
      gtk_widget_grab_focus (self->card_text);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_select_range (buffer, &start, &end);
    }
  else
    {
      gtk_widget_grab_focus (self->entry);
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cc_sheet_view_set_entry_error:
 * @at: the byte offset in the entry's text where it is wrong
 *
 * Shows in the open entry that its text cannot be taken, and why, with the
 * cursor where it is wrong. Typing goes on from there.
 */
void
cc_sheet_view_set_entry_error (CcSheetView *self,
                               const char  *message,
                               int          at)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  int chars;

  if (!self->entry_open)
    return;
  at = CLAMP (at, 0, (int) strlen (text));
  chars = (int) g_utf8_pointer_to_offset (text, text + at);
  gtk_widget_add_css_class (self->entry, "error");
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, "dialog-warning-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, message);
  gtk_widget_set_tooltip_text (self->entry, message);
  gtk_label_set_text (GTK_LABEL (self->entry_error), message);
  gtk_widget_set_visible (self->entry_error, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), chars);
}

gboolean
cc_sheet_view_entry_is_open (CcSheetView *self)
{
  return self->entry_open;
}

void
cc_sheet_view_get_entry_point (CcSheetView *self,
                               double      *sx,
                               double      *sy)
{
  *sx = self->edit_x;
  *sy = self->edit_y;
}

/* Closes the entry, and the tool forgets what it was for. */
void
cc_sheet_view_cancel_entry (CcSheetView *self)
{
  if (!self->entry_open)
    return;
  close_entry (self);
  if (self->tool != NULL && CC_SHEET_TOOL_GET_CLASS (self->tool)->entry_cancel != NULL)
    CC_SHEET_TOOL_GET_CLASS (self->tool)->entry_cancel (self->tool);
}

static CcItem *
exact_match (CcSheetView *self,
             const char  *text)
{
  g_autofree char *want = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->matches->len; i++)
    {
      g_autofree char *name = g_utf8_casefold (cc_item_get_string (self->matches->pdata[i], CC_ACTOR_NAME), -1);

      if (g_strcmp0 (name, want) == 0)
        return self->matches->pdata[i];
    }
  return NULL;
}

/* The text of the entry, or of the text of several lines, trimmed of
 * spaces and blank lines at either end. */
static char *
entry_text (CcSheetView *self)
{
  if (self->entry_flags & CC_SHEET_ENTRY_TEXT)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->card_text));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

/* Hands what the entry holds to the tool; with @chain, the tool opens the
 * entry again for the next one. */
void
cc_sheet_entry_commit (CcSheetView *self,
                       gboolean     chain,
                       CcItem      *actor)
{
  g_autofree char *text = NULL;

  if (!self->entry_open || self->committing)
    return;
  self->committing = TRUE;
  text = entry_text (self);
  if ((self->entry_flags & CC_SHEET_ENTRY_SUGGEST) && actor == NULL && text[0] != '\0')
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->suggestions));

      if (row != NULL && gtk_widget_get_visible (self->suggestions)
          && (guint) gtk_list_box_row_get_index (row) < self->matches->len)
        actor = self->matches->pdata[gtk_list_box_row_get_index (row)];
      else
        actor = exact_match (self, text);
    }
  if (actor != NULL)
    cc_item_ref (actor);
  close_entry (self);
  self->committing = FALSE;
  if (self->tool != NULL && CC_SHEET_TOOL_GET_CLASS (self->tool)->entry_commit != NULL)
    CC_SHEET_TOOL_GET_CLASS (self->tool)->entry_commit (self->tool, text, actor, chain);
  g_clear_pointer (&actor, cc_item_unref);
}

/* The name being typed becomes @actor's, and typing goes on after it. */
static void
complete_name (CcSheetView *self,
               CcItem      *actor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GString) completed = g_string_new (NULL);
  int start, end;

  name_being_typed (text, &start, &end);
  g_string_append_len (completed, text, start);
  if (start > 0)
    g_string_append_c (completed, ' ');
  g_string_append (completed, cc_item_get_string (actor, CC_ACTOR_NAME));
  g_string_append_c (completed, ' ');
  gtk_editable_set_text (GTK_EDITABLE (self->entry), completed->str);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  g_ptr_array_set_size (self->matches, 0);
  gtk_widget_set_visible (self->suggestions, FALSE);
}

/* The link type being typed becomes @word, and typing goes on after it
 * (with the strength). */
static void
complete_type (CcSheetView *self,
               const char  *word)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GString) completed = g_string_new (NULL);
  g_autofree char *chosen = g_strdup (word);
  int start = type_being_typed (text);

  if (start < 0)
    return;
  g_string_append_len (completed, text, start);
  if (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\t')
    g_string_append_c (completed, ' ');
  g_string_append (completed, chosen);
  g_string_append_c (completed, ' ');
  gtk_editable_set_text (GTK_EDITABLE (self->entry), completed->str);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  g_ptr_array_set_size (self->type_words, 0);
  gtk_widget_set_visible (self->suggestions, FALSE);
}

/* The index of the row chosen among the suggestions with the arrow keys,
 * or -1. */
static int
chosen_row (CcSheetView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->suggestions));

  if (row == NULL || !gtk_widget_get_visible (self->suggestions))
    return -1;
  return gtk_list_box_row_get_index (row);
}

/* The organisation chosen among the suggestions with the arrow keys. */
static CcItem *
chosen_match (CcSheetView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->suggestions));

  if (row == NULL || !gtk_widget_get_visible (self->suggestions)
      || (guint) gtk_list_box_row_get_index (row) >= self->matches->len)
    return NULL;
  return self->matches->pdata[gtk_list_box_row_get_index (row)];
}

static void
entry_activate_cb (CcSheetView *self)
{
  CcItem *chosen = (self->entry_flags & CC_SHEET_ENTRY_COMPLETE) ? chosen_match (self) : NULL;
  int type = (self->entry_flags & CC_SHEET_ENTRY_COMPLETE) ? chosen_row (self) : -1;

  /* Enter on a suggestion completes the name or type; Enter again takes
   * the line. */
  if (chosen != NULL)
    {
      complete_name (self, chosen);
      return;
    }
  if (type >= 0 && (guint) type < self->type_words->len)
    {
      complete_type (self, self->type_words->pdata[type]);
      return;
    }
  /* Enter after a new force or card: the next one. An empty entry closes. */
  cc_sheet_entry_commit (self, (self->entry_flags & CC_SHEET_ENTRY_REPEAT) != 0, NULL);
}

static void
entry_changed_cb (CcSheetView *self)
{
  if (self->entry_open && !self->committing)
    update_matches (self);
}

static void
suggestion_activated_cb (CcSheetView   *self,
                         GtkListBoxRow *row)
{
  guint i = gtk_list_box_row_get_index (row);

  if (i < self->type_words->len && (self->entry_flags & CC_SHEET_ENTRY_COMPLETE))
    {
      complete_type (self, self->type_words->pdata[i]);
      gtk_widget_grab_focus (self->entry);
    }
  else if (i < self->matches->len && (self->entry_flags & CC_SHEET_ENTRY_COMPLETE))
    {
      complete_name (self, self->matches->pdata[i]);
      gtk_widget_grab_focus (self->entry);
    }
  else if (i < self->matches->len)
    cc_sheet_entry_commit (self, FALSE, self->matches->pdata[i]);
}

static gboolean
entry_key_pressed_cb (CcSheetView           *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBox *list = GTK_LIST_BOX (self->suggestions);
  GtkListBoxRow *row;
  int index, n = self->matches->len + self->type_words->len;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      cc_sheet_view_cancel_entry (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      cc_sheet_entry_commit (self, TRUE, NULL);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      if (n == 0)
        return FALSE;
      row = gtk_list_box_get_selected_row (list);
      index = row ? gtk_list_box_row_get_index (row) : -1;
      index += keyval == GDK_KEY_Down ? 1 : -1;
      if (index < 0 || index >= n)
        gtk_list_box_unselect_all (list);
      else
        gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
      return TRUE;
    default:
      return FALSE;
    }
}

/* In a text of several lines: Enter keeps it (and opens the next new card),
 * Shift+Enter starts a new line, Escape leaves it as it was, Tab keeps it. */
static gboolean
card_text_key_pressed_cb (CcSheetView           *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      cc_sheet_view_cancel_entry (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        return FALSE;
      entry_activate_cb (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      cc_sheet_entry_commit (self, FALSE, NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
focus_left_idle (gpointer data)
{
  CcSheetView *self = data;
  guint session = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "cc-leave-session"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (self->entry_open && session == self->edit_session
      && (focus == NULL || !gtk_widget_is_ancestor (focus, self->editor)))
    cc_sheet_entry_commit (self, FALSE, NULL);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
entry_focus_leave_cb (CcSheetView *self)
{
  if (!self->entry_open || self->committing)
    return;
  g_object_set_data (G_OBJECT (self), "cc-leave-session", GUINT_TO_POINTER (self->edit_session));
  g_idle_add (focus_left_idle, g_object_ref (self));
}

void
cc_sheet_entry_init (CcSheetView *self)
{
  GtkEventController *controller;

  self->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
  self->type_words = g_ptr_array_new_with_free_func (g_free);
  self->editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->editor, "card");
  self->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisation name"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  self->entry_key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->entry_key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (self->entry_key, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, self->entry_key);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);
  gtk_box_append (GTK_BOX (self->editor), self->entry);
  self->entry_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->entry_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->entry_error), 0);
  gtk_widget_add_css_class (self->entry_error, "error");
  gtk_widget_set_margin_start (self->entry_error, 6);
  gtk_widget_set_margin_end (self->entry_error, 6);
  gtk_widget_set_visible (self->entry_error, FALSE);
  gtk_box_append (GTK_BOX (self->editor), self->entry_error);
  self->card_text = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->card_text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->card_text), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->card_text), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->card_text), 6);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (card_text_key_pressed_cb), self);
  gtk_widget_add_controller (self->card_text, controller);
  self->card_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->card_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->card_scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->card_scroller), 60);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->card_scroller), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->card_scroller), self->card_text);
  gtk_widget_add_css_class (self->card_scroller, "view");
  gtk_widget_set_visible (self->card_scroller, FALSE);
  gtk_box_append (GTK_BOX (self->editor), self->card_scroller);
  self->suggestions = gtk_list_box_new ();
  gtk_widget_set_focusable (self->suggestions, FALSE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->suggestions), TRUE);
  gtk_widget_add_css_class (self->suggestions, "boxed-list");
  g_signal_connect_swapped (self->suggestions, "row-activated", G_CALLBACK (suggestion_activated_cb), self);
  gtk_box_append (GTK_BOX (self->editor), self->suggestions);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
}

void
cc_sheet_entry_dispose (CcSheetView *self)
{
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->type_words, g_ptr_array_unref);
  g_clear_pointer (&self->entry_not_actor, cc_item_unref);
}

/* Over its point of the sheet, as far as the view lets it. */
void
cc_sheet_entry_allocate (CcSheetView *self,
                         int          width,
                         int          height)
{
  int ew, eh, entry_h, dummy;
  double x, y;

  if (!gtk_widget_get_visible (self->editor))
    return;
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &ew, &dummy, NULL, NULL);
  ew = MAX (ew, (self->entry_flags & CC_SHEET_ENTRY_WIDE) ? MIN (WIDE_WIDTH, width) : EDITOR_WIDTH);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, ew, &eh, &dummy, NULL, NULL);
  gtk_widget_measure (gtk_widget_get_visible (self->entry) ? self->entry : self->card_scroller,
                      GTK_ORIENTATION_VERTICAL, ew, &entry_h, &dummy, NULL, NULL);
  cc_sheet_view_sheet_to_view (self, self->edit_x, self->edit_y, &x, &y);
  x = CLAMP (x - ew / 2.0, 0, MAX (0, width - ew));
  y = CLAMP (y - entry_h / 2.0, 0, MAX (0, height - eh));
  gtk_widget_allocate (self->editor, ew, eh, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((int) x, (int) y)));
}
