/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-print"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-print.h"

#define CHOICES_GROUP "Choices"

typedef struct
{
  CcPaperChoices    choices;
  GtkPrintSettings *settings;
  GtkPageSetup     *page_setup;
} Remembered;

static char *
state_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "concord", "print.ini", NULL);
}

static gpointer
load_remembered (gpointer data)
{
  Remembered *r = g_new0 (Remembered, 1);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = state_path ();

  r->choices.sheets = CC_PAPER_SHEETS_CURRENT;
  r->choices.chosen = g_ptr_array_new_with_free_func (g_free);
  r->choices.tile_columns = r->choices.tile_rows = 1;
  r->choices.cover_and_appendix = FALSE;
  r->choices.turn_to_fit = TRUE;
  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    {
      /* What does not read (a damaged or hand-edited file) stays as it is
       * by default. */
      r->settings = gtk_print_settings_new_from_key_file (file, NULL, NULL);
      r->page_setup = gtk_page_setup_new_from_key_file (file, NULL, NULL);
      if (g_key_file_has_group (file, CHOICES_GROUP))
        {
          r->choices.sheets = CLAMP (g_key_file_get_integer (file, CHOICES_GROUP, "sheets", NULL),
                                     CC_PAPER_SHEETS_CURRENT, CC_PAPER_SHEETS_CHOSEN);
          r->choices.tile_columns = CLAMP (g_key_file_get_integer (file, CHOICES_GROUP, "tile-columns", NULL),
                                           1, CC_TILE_MAX);
          r->choices.tile_rows = CLAMP (g_key_file_get_integer (file, CHOICES_GROUP, "tile-rows", NULL),
                                        1, CC_TILE_MAX);
          r->choices.cover_and_appendix = g_key_file_get_boolean (file, CHOICES_GROUP, "cover-and-appendix", NULL);
          r->choices.draft = g_key_file_get_boolean (file, CHOICES_GROUP, "draft", NULL);
          if (g_key_file_has_key (file, CHOICES_GROUP, "turn-to-fit", NULL))
            r->choices.turn_to_fit = g_key_file_get_boolean (file, CHOICES_GROUP, "turn-to-fit", NULL);
        }
    }
  if (r->settings == NULL)
    r->settings = gtk_print_settings_new ();
  if (r->page_setup == NULL)
    {
      g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      r->page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (r->page_setup, a4);
    }
  return r;
}

static Remembered *
remembered (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_remembered, NULL);
}

static void
save_remembered (void)
{
  Remembered *r = remembered ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = state_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  gtk_print_settings_to_key_file (r->settings, file, NULL);
  gtk_page_setup_to_key_file (r->page_setup, file, NULL);
  g_key_file_set_integer (file, CHOICES_GROUP, "sheets", r->choices.sheets);
  g_key_file_set_integer (file, CHOICES_GROUP, "tile-columns", (int) r->choices.tile_columns);
  g_key_file_set_integer (file, CHOICES_GROUP, "tile-rows", (int) r->choices.tile_rows);
  g_key_file_set_boolean (file, CHOICES_GROUP, "cover-and-appendix", r->choices.cover_and_appendix);
  g_key_file_set_boolean (file, CHOICES_GROUP, "draft", r->choices.draft);
  g_key_file_set_boolean (file, CHOICES_GROUP, "turn-to-fit", r->choices.turn_to_fit);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_key_file_save_to_file (file, path, &error))
    g_message ("Print settings not remembered: %s", error != NULL ? error->message : g_strerror (errno));
}

CcPaperChoices *
cc_paper_choices_get_default (void)
{
  return &remembered ()->choices;
}

GtkPageSetup *
cc_print_get_page_setup (void)
{
  return remembered ()->page_setup;
}

void
cc_print_set_page_setup (GtkPageSetup *setup)
{
  Remembered *r = remembered ();

  g_return_if_fail (GTK_IS_PAGE_SETUP (setup));
  g_set_object (&r->page_setup, gtk_page_setup_copy (setup));
  g_object_unref (r->page_setup);  /* the copy's reference is the one kept */
  save_remembered ();
}

GPtrArray *
cc_paper_choices_get_sheets (const CcPaperChoices *choices, CcProject *project, CcItem *current)
{
  GPtrArray *sheets = g_ptr_array_new ();

  for (guint i = 0; choices->sheets != CC_PAPER_SHEETS_CURRENT && i < cc_project_get_n_sheets (project); i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);

      if (choices->sheets == CC_PAPER_SHEETS_ALL
          || g_ptr_array_find_with_equal_func (choices->chosen, cc_item_get_id (sheet), g_str_equal, NULL))
        g_ptr_array_add (sheets, sheet);
    }
  if (sheets->len == 0 && current != NULL)
    g_ptr_array_add (sheets, current);
  return sheets;
}

/* ---- the choices widget ------------------------------------------------ */

typedef struct
{
  CcPaperChoices *choices;
  GtkWidget      *current, *all, *chosen, *list, *fit, *poster, *columns, *rows, *appendix, *draft, *turn;
} ChoicesWidget;

static void
choices_widget_free (gpointer data)
{
  g_free (data);
}

static void
choices_read (ChoicesWidget *w)
{
  CcPaperChoices *c = w->choices;

  c->sheets = gtk_check_button_get_active (GTK_CHECK_BUTTON (w->all)) ? CC_PAPER_SHEETS_ALL
            : gtk_check_button_get_active (GTK_CHECK_BUTTON (w->chosen)) ? CC_PAPER_SHEETS_CHOSEN
            : CC_PAPER_SHEETS_CURRENT;
  g_ptr_array_set_size (c->chosen, 0);
  for (GtkWidget *b = gtk_widget_get_first_child (w->list); b != NULL; b = gtk_widget_get_next_sibling (b))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (b)))
      g_ptr_array_add (c->chosen, g_strdup (g_object_get_data (G_OBJECT (b), "cc-sheet")));
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (w->poster)))
    {
      c->tile_columns = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w->columns));
      c->tile_rows = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w->rows));
    }
  else
    c->tile_columns = c->tile_rows = 1;
  c->cover_and_appendix = gtk_check_button_get_active (GTK_CHECK_BUTTON (w->appendix));
  c->draft = gtk_check_button_get_active (GTK_CHECK_BUTTON (w->draft));
  c->turn_to_fit = gtk_check_button_get_active (GTK_CHECK_BUTTON (w->turn));
  gtk_widget_set_sensitive (w->list, c->sheets == CC_PAPER_SHEETS_CHOSEN);
  gtk_widget_set_sensitive (w->columns, gtk_check_button_get_active (GTK_CHECK_BUTTON (w->poster)));
  gtk_widget_set_sensitive (w->rows, gtk_check_button_get_active (GTK_CHECK_BUTTON (w->poster)));
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
check (const char *mnemonic, GtkWidget *group, const char *name)
{
  GtkWidget *button = gtk_check_button_new_with_mnemonic (mnemonic);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), GTK_CHECK_BUTTON (group));
  gtk_widget_set_name (button, name);
  return button;
}

GtkWidget *
cc_paper_choices_widget_new (CcPaperChoices *choices, CcProject *project, CcItem *current)
{
  ChoicesWidget *w = g_new0 (ChoicesWidget, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller, *poster_row;
  g_autofree char *title = cc_bidi_isolate (current != NULL ? cc_item_get_string (current, CC_SHEET_TITLE) : "");
  g_auto(GStrv) parts = g_strsplit (title, "_", -1);
  g_autofree char *escaped = g_strjoinv ("__", parts);  /* underscores of the title are not mnemonics */
  g_autofree char *current_label = g_strdup_printf (_("_This sheet: %s"), escaped);

  g_return_val_if_fail (choices != NULL && CC_IS_PROJECT (project), NULL);
  w->choices = choices;
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_box_append (GTK_BOX (box), heading (_("Sheets")));
  w->current = check (current_label, NULL, "sheets-current");
  w->all = check (_("_All sheets"), w->current, "sheets-all");
  w->chosen = check (_("_These sheets:"), w->current, "sheets-chosen");
  gtk_widget_set_sensitive (w->current, current != NULL);
  gtk_box_append (GTK_BOX (box), w->current);
  gtk_box_append (GTK_BOX (box), w->all);
  gtk_box_append (GTK_BOX (box), w->chosen);
  w->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_name (w->list, "sheet-list");
  gtk_widget_set_margin_start (w->list, 24);
  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    {
      CcItem *sheet = cc_project_get_sheet (project, i);
      GtkWidget *b = gtk_check_button_new_with_label (cc_item_get_string (sheet, CC_SHEET_TITLE));

      g_object_set_data_full (G_OBJECT (b), "cc-sheet", g_strdup (cc_item_get_id (sheet)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (b),
                                   g_ptr_array_find_with_equal_func (choices->chosen, cc_item_get_id (sheet),
                                                                     g_str_equal, NULL)
                                   || (choices->chosen->len == 0 && sheet == current));
      g_signal_connect_swapped (b, "toggled", G_CALLBACK (choices_read), w);
      gtk_box_append (GTK_BOX (w->list), b);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  {
    /* Up to eight sheets show whole, without scrolling; more scroll, with
     * the next one half in sight to say so. A scroller asks only for its
     * minimum inside a scrolling dialog, so that is set to what they need. */
    int natural, row = 0;
    GtkWidget *first = gtk_widget_get_first_child (w->list);

    gtk_widget_measure (w->list, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
    if (first != NULL)
      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, -1, NULL, &row, NULL, NULL);
    if (cc_project_get_n_sheets (project) > 8)
      natural = (int) (8.5 * (row + 2));
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), natural);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), MAX (natural, 1));
  }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), w->list);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_box_append (GTK_BOX (box), heading (_("Size")));
  w->fit = check (_("_Fit each sheet to one page"), NULL, "fit");
  w->poster = check (_("As a _poster over"), w->fit, "poster");
  w->columns = gtk_spin_button_new_with_range (1, CC_TILE_MAX, 1);
  w->rows = gtk_spin_button_new_with_range (1, CC_TILE_MAX, 1);
  gtk_widget_set_name (w->columns, "tile-columns");
  gtk_widget_set_name (w->rows, "tile-rows");
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->columns), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages across"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->rows), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages down"), -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (w->columns), MAX (choices->tile_columns, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (w->rows), MAX (choices->tile_rows, 1));
  poster_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (poster_row), w->poster);
  gtk_box_append (GTK_BOX (poster_row), w->columns);
  gtk_box_append (GTK_BOX (poster_row), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (poster_row), w->rows);
  gtk_box_append (GTK_BOX (poster_row), gtk_label_new (_("pages (across × down)")));
  gtk_box_append (GTK_BOX (box), w->fit);
  gtk_box_append (GTK_BOX (box), poster_row);
  w->turn = check (_("_Turn each sheet’s pages to suit it (a wide map on landscape pages)"), NULL, "turn");
  gtk_box_append (GTK_BOX (box), w->turn);

  gtk_box_append (GTK_BOX (box), heading (_("Pages")));
  w->appendix = check (_("A _cover and an appendix of organisations, links, forces and cards"), NULL, "appendix");
  w->draft = check (_("_Draft stamp on every page"), NULL, "draft");
  gtk_box_append (GTK_BOX (box), w->appendix);
  gtk_box_append (GTK_BOX (box), w->draft);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (choices->sheets == CC_PAPER_SHEETS_ALL ? w->all
                                                 : choices->sheets == CC_PAPER_SHEETS_CHOSEN || current == NULL
                                                 ? w->chosen : w->current), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choices->tile_columns * choices->tile_rows > 1 ? w->poster : w->fit),
                               TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (w->appendix), choices->cover_and_appendix);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (w->draft), choices->draft);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (w->turn), choices->turn_to_fit);

  for (GtkWidget **b = (GtkWidget *[]) { w->current, w->all, w->chosen, w->fit, w->poster, w->appendix, w->draft,
                                         w->turn, NULL };
       *b != NULL; b++)
    g_signal_connect_swapped (*b, "toggled", G_CALLBACK (choices_read), w);
  g_signal_connect_swapped (w->columns, "value-changed", G_CALLBACK (choices_read), w);
  g_signal_connect_swapped (w->rows, "value-changed", G_CALLBACK (choices_read), w);
  g_object_set_data_full (G_OBJECT (box), "cc-choices", w, choices_widget_free);
  choices_read (w);
  return box;
}

/* ---- printing ------------------------------------------------------------ */

typedef struct
{
  CcProject  *project;
  CcItem     *current;
  CcHandout  *handout;
} PrintJob;

static void
begin_print_cb (GtkPrintOperation *op, GtkPrintContext *context, PrintJob *job)
{
  CcPaperChoices *choices = cc_paper_choices_get_default ();
  g_autoptr(GPtrArray) sheets = cc_paper_choices_get_sheets (choices, job->project, job->current);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  CcHandoutOptions options;

  cc_handout_options_init (&options);
  /* The whole sheet of paper: our own margins keep clear of the printer's. */
  options.paper_width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  options.paper_height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  options.tile_columns = choices->tile_columns;
  options.tile_rows = choices->tile_rows;
  options.cover = options.appendix = choices->cover_and_appendix;
  options.draft = choices->draft;
  options.fit_orientation = choices->turn_to_fit;
  g_clear_pointer (&job->handout, cc_handout_free);
  job->handout = cc_handout_new (job->project, sheets, &options);
  gtk_print_operation_set_n_pages (op, MAX (1, (int) cc_handout_get_n_pages (job->handout)));
  /* The paper chosen in the dialog is the paper of the next print too. */
  g_set_object (&remembered ()->page_setup, gtk_page_setup_copy (setup));
  g_object_unref (remembered ()->page_setup);
}

/* A sheet's page turned to suit it is printed in the other orientation. */
static void
request_page_setup_cb (GtkPrintOperation *op,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       PrintJob          *job)
{
  GtkPageOrientation orientation;

  if (job->handout == NULL || page < 0 || (guint) page >= cc_handout_get_n_pages (job->handout)
      || !cc_handout_page_is_turned (job->handout, (guint) page))
    return;
  orientation = gtk_page_setup_get_orientation (setup);
  gtk_page_setup_set_orientation (setup, orientation == GTK_PAGE_ORIENTATION_LANDSCAPE
                                         || orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE
                                         ? GTK_PAGE_ORIENTATION_PORTRAIT : GTK_PAGE_ORIENTATION_LANDSCAPE);
}

static void
draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context)
                 / gtk_page_setup_get_paper_width (gtk_print_context_get_page_setup (context), GTK_UNIT_POINTS);

  if (job->handout == NULL || page < 0 || (guint) page >= cc_handout_get_n_pages (job->handout))
    return;
  /* The context's units are points already; keep to them whatever the
   * printer's resolution. */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cc_handout_draw_page (job->handout, cr, (guint) page);
  cairo_restore (cr);
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *op, PrintJob *job)
{
  gtk_print_operation_set_custom_tab_label (op, _("Sheets"));
  return G_OBJECT (cc_paper_choices_widget_new (cc_paper_choices_get_default (), job->project, job->current));
}

gboolean
cc_print_project (GtkWindow              *parent,
                  CcProject              *project,
                  CcItem                 *current,
                  GtkPrintOperationAction action,
                  const char             *export_path,
                  GError                **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  Remembered *r = remembered ();
  PrintJob job = { project, current, NULL };
  GtkPrintOperationResult result;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL, FALSE);

  job_name = g_strdup (cc_project_get_title (project)[0] ? cc_project_get_title (project) : _("Concord project"));
  gtk_print_operation_set_job_name (op, job_name);
  gtk_print_operation_set_print_settings (op, r->settings);
  gtk_print_operation_set_default_page_setup (op, r->page_setup);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (op, export_path);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), &job);
  g_signal_connect (op, "request-page-setup", G_CALLBACK (request_page_setup_cb), &job);
  g_signal_connect (op, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), &job);

  result = gtk_print_operation_run (op, action, parent, error);
  g_clear_pointer (&job.handout, cc_handout_free);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&r->settings, gtk_print_operation_get_print_settings (op));
      save_remembered ();
    }
  return TRUE;
}
