/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-start-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cc-bidi.h"
#include "cc-start-page.h"

/* The size of a recent project's thumbnail on its card. */
#define THUMB_WIDTH  280
#define THUMB_HEIGHT 160

/* What a recent project's card stands for. */
typedef struct
{
  char     *uri;
  char     *title;
  gboolean  missing;
} Recent;

/* What a search hit's row stands for. */
typedef struct
{
  char     *uri;
  char     *sheet;
  char     *item;
  gboolean  missing;
} Hit;

struct _CcStartPage
{
  GtkWidget       parent_instance;

  /* Template children */
  GtkWidget      *scroller;
  GtkRevealer    *new_revealer;
  GtkWidget      *recent_section;
  GtkLabel       *recent_heading;
  GtkSearchEntry *search_entry;
  GtkStack       *recent_stack;
  GtkFlowBox     *recent_box;
  GtkListBox     *results;
  GtkWidget      *no_store_label;

  GtkLabel       *no_results_label;
  GtkWidget      *menu;             /* context menu of a recent project */
  CcStore        *store;
};

G_DEFINE_FINAL_TYPE (CcStartPage, cc_start_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_NEW_PROJECT,
  SIGNAL_OPEN,
  SIGNAL_OPEN_HIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark recent_quark;
static GQuark hit_quark;

/* Helpers */

static void
recent_free (Recent *recent)
{
  g_free (recent->uri);
  g_free (recent->title);
  g_free (recent);
}

static void
hit_free (Hit *hit)
{
  g_free (hit->uri);
  g_free (hit->sheet);
  g_free (hit->item);
  g_free (hit);
}

static Recent *
card_recent (GtkFlowBoxChild *card)
{
  return card != NULL ? g_object_get_qdata (G_OBJECT (card), recent_quark) : NULL;
}

static Hit *
row_hit (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_qdata (G_OBJECT (row), hit_quark) : NULL;
}

/* Whether a project's file has gone. Only local files are asked: a question
 * to a network share that is not mounted can hang for a long time, and the
 * page must come up at once. */
static gboolean
file_is_missing (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  return g_file_is_native (file) && !g_file_query_exists (file, NULL);
}

/* The answer for @uri, asked once however many hits it has. */
static gboolean
cached_missing (GHashTable *cache,
                const char *uri)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (cache, uri, NULL, &value))
    {
      value = GINT_TO_POINTER (file_is_missing (uri));
      g_hash_table_insert (cache, g_strdup (uri), value);
    }
  return GPOINTER_TO_INT (value);
}

/* The folder a project is in, as people say it: "~/Partnerships", its
 * path isolated (cc-bidi.h), as it is set beside Concord's "~" and words. */
static char *
folder_of (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  const char *home = g_get_home_dir ();
  const char *path;
  gsize home_len;

  if (parent == NULL)
    return g_strdup ("");
  path = g_file_peek_path (parent);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (parent);

      return cc_bidi_isolate (name);
    }
  home_len = strlen (home);
  if (home_len > 1 && strncmp (path, home, home_len) == 0 && (path[home_len] == '/' || path[home_len] == '\0'))
    {
      g_autofree char *rest = cc_bidi_isolate (path + home_len);

      return g_strconcat ("~", rest, NULL);
    }
  return cc_bidi_isolate (path);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* When a project was last opened, in the user's time: "Today 14:05",
 * "Yesterday" or "3 Nov 2026". */
static char *
format_opened (gint64 opened_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (opened_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  if (when == NULL)
    return g_strdup ("");
  if (same_day (when, now))
    {
      /* Translators: the time a project was opened today; see g_date_time_format(). */
      g_autofree char *time = g_date_time_format (when, _("%H:%M"));

      /* Translators: when a project was last opened; %s is the time, as 14:05. */
      return g_strdup_printf (_("Today %s"), time);
    }
  if (same_day (when, yesterday))
    return g_strdup (_("Yesterday"));
  /* Translators: the day a project was last opened, as "3 Nov 2026"; see g_date_time_format(). */
  return g_date_time_format (when, _("%-d %b %Y"));
}

/* The kind of item a hit is, as a word after its place. */
static const char *
kind_label (const char *kind)
{
  /* Translators: the kinds of things a search of all projects finds, shown
   * after where they are, as in "Riverside › Who works with whom · organisation". */
  if (g_strcmp0 (kind, "project") == 0)
    return C_("search hit", "project");
  if (g_strcmp0 (kind, "sheet") == 0)
    return C_("search hit", "sheet");
  if (g_strcmp0 (kind, "organisation") == 0)
    return C_("search hit", "organisation");
  if (g_strcmp0 (kind, "link") == 0)
    return C_("search hit", "link");
  if (g_strcmp0 (kind, "force") == 0)
    return C_("search hit", "force");
  if (g_strcmp0 (kind, "card") == 0)
    return C_("search hit", "card");
  return kind != NULL ? kind : "";
}

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "project") == 0)
    return "folder-documents-symbolic";
  if (g_strcmp0 (kind, "sheet") == 0)
    return "text-x-generic-symbolic";
  if (g_strcmp0 (kind, "organisation") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "link") == 0)
    return "insert-link-symbolic";
  if (g_strcmp0 (kind, "force") == 0)
    return "concord-forcefield-symbolic";
  if (g_strcmp0 (kind, "card") == 0)
    return "document-edit-symbolic";
  return "edit-find-symbolic";
}

static GtkWidget *
make_label (const char *text,
            const char *name,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_missing_label (void)
{
  GtkWidget *label = gtk_label_new (_("Missing"));

  gtk_widget_set_name (label, "missing");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "cc-missing");
  return label;
}

/* The thumbnail of a card, at a set size whatever the size of the picture:
 * a card as wide as its picture would make the grid uneven. */
static GtkWidget *
make_thumbnail (GBytes *png)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (frame, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (frame, "cc-recent-thumb");
  if (png != NULL)
    {
      texture = gdk_texture_new_from_bytes (png, &error);
      if (texture == NULL)
        g_debug ("Thumbnail not shown: %s", error->message);
    }

  if (texture != NULL)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      GtkWidget *hclamp = adw_clamp_new ();
      GtkWidget *vclamp = adw_clamp_new ();

      gtk_widget_set_name (picture, "thumbnail");
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Thumbnail"), -1);
      /* Both ways, so that neither a wide nor a tall picture asks for more. */
      adw_clamp_set_maximum_size (ADW_CLAMP (hclamp), THUMB_WIDTH);
      adw_clamp_set_tightening_threshold (ADW_CLAMP (hclamp), THUMB_WIDTH);
      adw_clamp_set_child (ADW_CLAMP (hclamp), picture);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (vclamp), GTK_ORIENTATION_VERTICAL);
      adw_clamp_set_maximum_size (ADW_CLAMP (vclamp), THUMB_HEIGHT);
      adw_clamp_set_tightening_threshold (ADW_CLAMP (vclamp), THUMB_HEIGHT);
      adw_clamp_set_child (ADW_CLAMP (vclamp), hclamp);
      gtk_widget_set_valign (vclamp, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (frame), vclamp);
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("concord-map-symbolic");

      gtk_widget_set_name (icon, "placeholder");
      gtk_widget_set_size_request (icon, -1, THUMB_HEIGHT);
      gtk_widget_add_css_class (icon, "cc-recent-placeholder");
      gtk_box_append (GTK_BOX (frame), icon);
      gtk_widget_add_css_class (frame, "placeholder");
    }
  return frame;
}

static void card_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, CcStartPage *self);
static void card_long_pressed_cb (GtkGestureLongPress *gesture, double x, double y, CcStartPage *self);

static GtkWidget *
make_card (CcStartPage  *self,
           CcRecentInfo *info,
           gboolean      missing)
{
  GtkWidget *card = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GFile) file = g_file_new_for_uri (info->uri);
  g_autofree char *folder = folder_of (info->uri);
  g_autofree char *date = format_opened (info->opened);
  g_autofree char *where = g_file_get_parse_name (file);
  g_autofree char *description = NULL;
  const char *title = info->title != NULL && info->title[0] != '\0' ? info->title : _("Untitled Project");
  GtkWidget *label;
  GtkGesture *gesture;
  Recent *recent = g_new0 (Recent, 1);

  recent->uri = g_strdup (info->uri);
  recent->title = g_strdup (title);
  recent->missing = missing;
  g_object_set_qdata_full (G_OBJECT (card), recent_quark, recent, (GDestroyNotify) recent_free);

  gtk_widget_set_name (card, "recent-card");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "cc-recent-card");
  if (missing)
    gtk_widget_add_css_class (card, "missing");
  gtk_widget_set_tooltip_text (card, where);

  gtk_box_append (GTK_BOX (box), make_thumbnail (info->thumbnail));

  gtk_widget_add_css_class (text, "cc-recent-text");
  label = make_label (title, "title", "cc-recent-title");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The card's width comes from the thumbnail, not from a long title. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (text), label);

  label = make_label (folder, "folder", "cc-recent-detail");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (text), label);

  label = make_label (date, "date", "cc-recent-detail");
  gtk_box_append (GTK_BOX (text), label);

  if (missing)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *remove = gtk_button_new_with_label (_("Remove from List"));
      g_autofree char *name = cc_bidi_isolate (title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove “%s” from the list"), name);

      gtk_widget_set_margin_top (row, 6);
      gtk_box_append (GTK_BOX (row), make_missing_label ());
      gtk_widget_set_name (remove, "remove");
      gtk_widget_set_hexpand (remove, TRUE);
      gtk_widget_set_halign (remove, GTK_ALIGN_END);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "cc-recent-remove");
      gtk_widget_set_tooltip_text (remove, _("The file is no longer there: forget it here"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "start-page.remove-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", info->uri);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (text), row);

      /* Translators: read out for a recent project whose file has gone; %s is its folder. */
      description = g_strdup_printf (_("Missing: the file is no longer in %s"), folder);
    }
  else
    /* Translators: read out for a recent project; the folder it is in, then when it was last opened. */
    description = g_strdup_printf (_("In %s, opened %s"), folder, date);

  gtk_box_append (GTK_BOX (box), text);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (card), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (card_pressed_cb), self, 0);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (card_long_pressed_cb), self, 0);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (gesture));
  return card;
}

/* "Police Scotland": the first line of what was found. */
static char *
hit_title (CcSearchHit *hit)
{
  const char *text = hit->text != NULL ? hit->text : "";
  const char *end = strchr (text, '\n');
  g_autofree char *line = end != NULL ? g_strndup (text, end - text) : g_strdup (text);

  g_strstrip (line);
  if (line[0] != '\0')
    return g_steal_pointer (&line);
  if (g_strcmp0 (hit->kind, "project") == 0 && hit->project_title != NULL && hit->project_title[0] != '\0')
    return g_strdup (hit->project_title);
  return g_strdup (kind_label (hit->kind));
}

/* "Riverside partnership › Who works with whom · organisation"; for a
 * project itself, its folder instead of its title. */
static char *
hit_subtitle (CcSearchHit *hit)
{
  GString *subtitle = g_string_new (NULL);

  if (g_strcmp0 (hit->kind, "project") == 0)
    {
      g_autofree char *folder = folder_of (hit->uri);

      g_string_append (subtitle, folder);
    }
  else
    {
      if (hit->project_title != NULL && hit->project_title[0] != '\0')
        cc_bidi_append (subtitle, hit->project_title);
      else
        {
          g_autoptr(GFile) file = g_file_new_for_uri (hit->uri);
          g_autofree char *name = g_file_get_basename (file);

          cc_bidi_append (subtitle, name);
        }
      if (hit->sheet_title != NULL && hit->sheet_title[0] != '\0' && g_strcmp0 (hit->kind, "sheet") != 0)
        {
          g_string_append (subtitle, " › ");
          cc_bidi_append (subtitle, hit->sheet_title);
        }
    }
  g_string_append_printf (subtitle, " · %s", kind_label (hit->kind));
  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
make_hit_row (CcSearchHit *hit,
              gboolean     missing)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (hit->kind));
  g_autofree char *title = hit_title (hit);
  g_autofree char *subtitle = hit_subtitle (hit);
  g_autofree char *description = NULL;
  GtkWidget *label;
  Hit *data = g_new0 (Hit, 1);

  data->uri = g_strdup (hit->uri);
  data->sheet = g_strdup (hit->sheet);
  data->item = g_strdup (hit->item);
  data->missing = missing;
  g_object_set_qdata_full (G_OBJECT (row), hit_quark, data, (GDestroyNotify) hit_free);

  gtk_widget_set_name (row, "hit");
  gtk_widget_add_css_class (row, "cc-hit-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !missing);
  if (missing)
    gtk_widget_add_css_class (row, "missing");

  gtk_widget_add_css_class (icon, "cc-hit-icon");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  label = make_label (title, "title", "cc-hit-title");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), label);
  label = make_label (subtitle, "subtitle", "cc-hit-subtitle");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (box), text);

  if (missing)
    {
      gtk_box_append (GTK_BOX (box), make_missing_label ());
      /* Translators: read out for a search hit in a project whose file has gone; %s is where it was. */
      description = g_strdup_printf (_("%s. Missing: the project's file is no longer there"), subtitle);
    }
  else
    description = g_strdup (subtitle);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static GtkFlowBoxChild *
first_card (CcStartPage *self)
{
  return gtk_flow_box_get_child_at_index (self->recent_box, 0);
}

static GtkListBoxRow *
first_hit_row (CcStartPage *self)
{
  return gtk_list_box_get_row_at_index (self->results, 0);
}

static GtkWidget *
focus_widget (CcStartPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* The card that has the keyboard, or holds the widget that has it. */
static GtkFlowBoxChild *
focused_card (CcStartPage *self)
{
  GtkWidget *focus = focus_widget (self);
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->recent_box)))
    return NULL;
  card = GTK_IS_FLOW_BOX_CHILD (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_FLOW_BOX_CHILD);
  return card != NULL ? GTK_FLOW_BOX_CHILD (card) : NULL;
}

static GtkFlowBoxChild *
find_card (CcStartPage *self,
           const char  *uri)
{
  GtkFlowBoxChild *card;

  for (int i = 0; (card = gtk_flow_box_get_child_at_index (self->recent_box, i)) != NULL; i++)
    if (g_strcmp0 (card_recent (card)->uri, uri) == 0)
      return card;
  return NULL;
}

static gboolean
searching (CcStartPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Which of recents, "no recents yet" or search results is shown, under
 * which heading. */
static void
update_stack (CcStartPage *self)
{
  /* On a projector there is room for only a few results below the New
   * Project buttons: they make way while there is a search. */
  gtk_revealer_set_reveal_child (self->new_revealer, !searching (self));
  if (searching (self))
    {
      gtk_stack_set_visible_child_name (self->recent_stack, "results");
      gtk_label_set_label (self->recent_heading, _("Found in Your Projects"));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->recent_stack, first_card (self) != NULL ? "recent" : "no-recent");
      gtk_label_set_label (self->recent_heading, _("Recent Projects"));
    }
}

static void
clear_results (CcStartPage *self)
{
  GtkListBoxRow *row;

  while ((row = first_hit_row (self)) != NULL)
    gtk_list_box_remove (self->results, GTK_WIDGET (row));
}

static void
update_search (CcStartPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) missing = NULL;
  g_autofree char *message = NULL;
  g_autofree char *isolated = NULL;

  clear_results (self);
  update_stack (self);
  if (query[0] == '\0' || self->store == NULL)
    return;

  hits = cc_store_search (self->store, query, CC_START_PAGE_MAX_HITS);
  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Best first, but what can be opened before what cannot. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < hits->len; i++)
      {
        CcSearchHit *hit = hits->pdata[i];
        gboolean gone = cached_missing (missing, hit->uri);

        if (gone == (pass == 1))
          gtk_list_box_append (self->results, make_hit_row (hit, gone));
      }
  /* Translators: when a search of all projects finds nothing; %s is what was typed. */
  isolated = cc_bidi_isolate (query);
  message = g_strdup_printf (_("No projects mention “%s”"), isolated);
  gtk_label_set_label (self->no_results_label, message);
}

static void
clear_cards (CcStartPage *self)
{
  GtkFlowBoxChild *card;

  while ((card = first_card (self)) != NULL)
    gtk_flow_box_remove (self->recent_box, GTK_WIDGET (card));
}

static void
reload (CcStartPage *self)
{
  GtkFlowBoxChild *focus_card = focused_card (self);
  g_autofree char *focus_uri = focus_card != NULL ? g_strdup (card_recent (focus_card)->uri) : NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GHashTable) missing = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->menu));
  clear_cards (self);
  gtk_widget_set_visible (self->recent_section, self->store != NULL);
  gtk_widget_set_visible (self->no_store_label, self->store == NULL);
  if (self->store == NULL)
    {
      clear_results (self);
      return;
    }

  recent = cc_store_list_recent (self->store, CC_START_PAGE_MAX_RECENT);
  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < recent->len; i++)
    {
      CcRecentInfo *info = recent->pdata[i];

      gtk_flow_box_append (self->recent_box, make_card (self, info, cached_missing (missing, info->uri)));
    }
  update_search (self);

  /* Keep the keyboard on the same project, or at least in the grid. */
  if (focus_card != NULL)
    {
      GtkFlowBoxChild *target = find_card (self, focus_uri);

      if (target == NULL)
        target = first_card (self);
      gtk_widget_grab_focus (target != NULL ? GTK_WIDGET (target) : GTK_WIDGET (self->search_entry));
    }
}

static void
open_card (CcStartPage     *self,
           GtkFlowBoxChild *card)
{
  Recent *recent = card_recent (card);
  g_autoptr(GFile) file = NULL;

  if (recent == NULL)
    return;
  /* The file may have gone since the page was shown. */
  if (recent->missing || file_is_missing (recent->uri))
    {
      if (!recent->missing)
        reload (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  file = g_file_new_for_uri (recent->uri);
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, file);
}

static void
open_hit_row (CcStartPage   *self,
              GtkListBoxRow *row)
{
  Hit *hit = row_hit (row);
  g_autofree char *uri = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *item = NULL;

  if (hit == NULL || hit->missing || !gtk_list_box_row_get_activatable (row))
    return;
  /* Copies: whoever handles the signal may well reload the page. */
  uri = g_strdup (hit->uri);
  sheet = g_strdup (hit->sheet);
  item = g_strdup (hit->item);
  g_signal_emit (self, signals[SIGNAL_OPEN_HIT], 0, uri, sheet, item);
}

static void
remove_recent (CcStartPage *self,
               const char  *uri)
{
  GtkFlowBoxChild *card = find_card (self, uri);
  gboolean had_focus = card != NULL && focused_card (self) == card;
  GtkWidget *next = NULL;
  GtkListBoxRow *row;

  gtk_popover_popdown (GTK_POPOVER (self->menu));
  if (self->store != NULL)
    cc_store_forget_project (self->store, uri);

  /* The store forgets on its own thread: take the card away now rather than
   * read the list again before it has. */
  if (card != NULL)
    {
      int index = gtk_flow_box_child_get_index (card);

      next = GTK_WIDGET (gtk_flow_box_get_child_at_index (self->recent_box, index + 1));
      if (next == NULL && index > 0)
        next = GTK_WIDGET (gtk_flow_box_get_child_at_index (self->recent_box, index - 1));
      gtk_flow_box_remove (self->recent_box, GTK_WIDGET (card));
    }
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results, i)) != NULL;)
    if (g_strcmp0 (row_hit (row)->uri, uri) == 0)
      gtk_list_box_remove (self->results, GTK_WIDGET (row));
    else
      i++;
  update_stack (self);
  if (had_focus)
    gtk_widget_grab_focus (next != NULL ? next : GTK_WIDGET (self->search_entry));
}

/* The context menu of @card, pointing at @x, @y in it (or at the card when
 * @x is negative). */
static void
popup_menu (CcStartPage     *self,
            GtkFlowBoxChild *card,
            double           x,
            double           y)
{
  Recent *recent = card_recent (card);
  g_autoptr(GMenu) menu = g_menu_new ();
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (recent == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self), &bounds))
    return;
  if (!recent->missing)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Open"), NULL);

      g_menu_item_set_action_and_target (item, "start-page.open-recent", "s", recent->uri);
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove from List"), NULL);

    g_menu_item_set_action_and_target (item, "start-page.remove-recent", "s", recent->uri);
    g_menu_append_item (menu, item);
  }

  if (x >= 0)
    rect = (GdkRectangle) { (int) (bounds.origin.x + x), (int) (bounds.origin.y + y), 1, 1 };
  else
    rect = (GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                            (int) bounds.size.width, (int) bounds.size.height };
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Signal callbacks */

static void
card_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 CcStartPage     *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (card);
  popup_menu (self, GTK_FLOW_BOX_CHILD (card), x, y);
}

static void
card_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      CcStartPage         *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  popup_menu (self, GTK_FLOW_BOX_CHILD (card), x, y);
}

static void
recent_activated_cb (CcStartPage     *self,
                     GtkFlowBoxChild *card)
{
  open_card (self, card);
}

static void
hit_activated_cb (CcStartPage   *self,
                  GtkListBoxRow *row)
{
  open_hit_row (self, row);
}

static gboolean
results_keynav_failed_cb (CcStartPage      *self,
                          GtkDirectionType  direction)
{
  if (direction != GTK_DIR_UP)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* On a card: Menu or Shift+F10 for its menu, Delete to forget it, and Up
 * from the top row back to the search. */
static gboolean
recent_key_pressed_cb (CcStartPage           *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK);
  GtkFlowBoxChild *card = focused_card (self);
  GtkWidget *focus = focus_widget (self);

  /* Only on the card itself: its Remove button has keys of its own. */
  if (card == NULL || focus != GTK_WIDGET (card))
    return FALSE;
  if ((keyval == GDK_KEY_Menu && mods == 0) || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK))
    {
      popup_menu (self, card, -1, -1);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete) && mods == 0)
    {
      g_autofree char *uri = g_strdup (card_recent (card)->uri);

      remove_recent (self, uri);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && mods == 0)
    {
      GtkFlowBoxChild *first = first_card (self);
      graphene_rect_t mine, top;

      if (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self->recent_box), &mine)
          && gtk_widget_compute_bounds (GTK_WIDGET (first), GTK_WIDGET (self->recent_box), &top)
          && mine.origin.y <= top.origin.y + 1)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
          return TRUE;
        }
    }
  return FALSE;
}

/* Down (or Page Down) in the search: into the results, or the recent
 * projects when nothing is typed. */
static gboolean
search_key_pressed_cb (CcStartPage           *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkWidget *target;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_Page_Down)
    return FALSE;
  target = searching (self) ? GTK_WIDGET (first_hit_row (self)) : GTK_WIDGET (first_card (self));
  if (target == NULL)
    return FALSE;
  gtk_widget_grab_focus (target);
  return TRUE;
}

/* Typing anywhere on the page goes to the search. (Not
 * gtk_search_entry_set_key_capture_widget: it would take Enter as well, and
 * Enter on a button or a card must activate it.) */
static gboolean
page_key_typed_cb (CcStartPage           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkEditable *editable = GTK_EDITABLE (self->search_entry);
  GtkWidget *focus = focus_widget (self);
  char text[8] = { 0 };
  int position;

  if (c == 0 || !g_unichar_isgraph (c) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0
      || !gtk_widget_get_visible (self->recent_section)
      || (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL)))
    return FALSE;
  g_unichar_to_utf8 (c, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  position = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
  return TRUE;
}

static void
search_changed_cb (CcStartPage *self)
{
  update_search (self);
}

static void
stop_search_cb (CcStartPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter in the search: straight to the best hit, as in the Activities
 * search. The search may not have run yet if Enter came quickly. */
static void
search_activate_cb (CcStartPage *self)
{
  GtkListBoxRow *row;

  if (!searching (self))
    return;
  update_search (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results, i)) != NULL; i++)
    if (gtk_list_box_row_get_activatable (row))
      {
        open_hit_row (self, row);
        return;
      }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Actions */

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *starting_point = g_variant_get_string (parameter, NULL);

  if (g_strv_contains ((const char * const[]) { "empty", "map", "forcefield", "canvas", NULL }, starting_point))
    g_signal_emit (widget, signals[SIGNAL_NEW_PROJECT], 0, starting_point);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CcStartPage *self = CC_START_PAGE (widget);
  GtkFlowBoxChild *card = find_card (self, g_variant_get_string (parameter, NULL));

  if (card != NULL)
    open_card (self, card);
}

static void
remove_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autofree char *uri = g_variant_dup_string (parameter, NULL);

  remove_recent (CC_START_PAGE (widget), uri);
}

/* GObject */

static void
cc_start_page_dispose (GObject *object)
{
  CcStartPage *self = CC_START_PAGE (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_START_PAGE);

  G_OBJECT_CLASS (cc_start_page_parent_class)->dispose (object);
}

static gboolean
cc_start_page_grab_focus (GtkWidget *widget)
{
  CcStartPage *self = CC_START_PAGE (widget);

  if (gtk_widget_get_visible (self->recent_section))
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

/* Tab and the arrows move through the page in order, from New Project to
 * the recent projects. (GtkWidget's own focus would call grab_focus above,
 * which goes to the search: Tab coming into the page from the header bar
 * then skipped everything before it.) */
static gboolean
cc_start_page_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static void
cc_start_page_class_init (CcStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_start_page_dispose;
  widget_class->grab_focus = cc_start_page_grab_focus;
  widget_class->focus = cc_start_page_focus;

  recent_quark = g_quark_from_static_string ("cc-start-page-recent");
  hit_quark = g_quark_from_static_string ("cc-start-page-hit");

  /**
   * CcStartPage::new-project:
   * @starting_point: "empty", "map", "forcefield" or "canvas"
   *
   * Emitted when the user chooses to start a new project.
   */
  signals[SIGNAL_NEW_PROJECT] = g_signal_new ("new-project", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CcStartPage::open:
   * @file: the project's file
   *
   * Emitted when the user chooses a recent project whose file is there.
   */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * CcStartPage::open-hit:
   * @uri: the project's file
   * @sheet_id: (nullable): the sheet the hit is on
   * @item_id: (nullable): the item found (a node, link, force, card or
   *   organisation)
   *
   * Emitted when the user chooses a search hit in a project that is there.
   */
  signals[SIGNAL_OPEN_HIT] = g_signal_new ("open-hit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                           G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "start-page.new-project", "s", new_project_action);
  gtk_widget_class_install_action (widget_class, "start-page.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "start-page.remove-recent", "s", remove_recent_action);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, new_revealer);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, recent_section);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, recent_stack);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, results);
  gtk_widget_class_bind_template_child (widget_class, CcStartPage, no_store_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_keynav_failed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "startpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cc_start_page_init (CcStartPage *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (recent_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->recent_box), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (page_key_typed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->no_results_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->no_results_label), "no-results");
  gtk_label_set_wrap (self->no_results_label, TRUE);
  gtk_label_set_justify (self->no_results_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->no_results_label), "cc-start-note");
  gtk_widget_add_css_class (GTK_WIDGET (self->no_results_label), "cc-no-results");
  gtk_list_box_set_placeholder (self->results, GTK_WIDGET (self->no_results_label));

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  reload (self);
}

/* Public API */

CcStartPage *
cc_start_page_new (void)
{
  return g_object_new (CC_TYPE_START_PAGE, NULL);
}

void
cc_start_page_set_store (CcStartPage *self,
                         CcStore     *store)
{
  g_return_if_fail (CC_IS_START_PAGE (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  g_set_object (&self->store, store);
  reload (self);
}

CcStore *
cc_start_page_get_store (CcStartPage *self)
{
  g_return_val_if_fail (CC_IS_START_PAGE (self), NULL);
  return self->store;
}

void
cc_start_page_reload (CcStartPage *self)
{
  g_return_if_fail (CC_IS_START_PAGE (self));
  reload (self);
}

GtkWidget *
cc_start_page_get_search_entry (CcStartPage *self)
{
  g_return_val_if_fail (CC_IS_START_PAGE (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

GtkWidget *
cc_start_page_get_recent_box (CcStartPage *self)
{
  g_return_val_if_fail (CC_IS_START_PAGE (self), NULL);
  return GTK_WIDGET (self->recent_box);
}

GtkWidget *
cc_start_page_get_results (CcStartPage *self)
{
  g_return_val_if_fail (CC_IS_START_PAGE (self), NULL);
  return GTK_WIDGET (self->results);
}
