/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-export-dialog.h"
#include "cc-handout.h"
#include "cc-io.h"
#include "cc-print.h"
#include "cc-render.h"

struct _CcExportDialog
{
  AdwWindow     parent_instance;

  CcProject    *project;
  CcItem       *current;
  char         *base_name;
  char         *error;

  AdwComboRow  *format_row;
  GtkWidget    *format_group;
  AdwComboRow  *paper_row;
  GtkSwitch    *landscape_switch;
  GtkWidget    *pdf_group;
  GtkWidget    *choices_group;
  GtkWidget    *png_group;
  GtkSpinButton *dpi_spin;
  GtkSwitch    *transparent_switch;
  GtkWidget    *error_label;
  GtkWidget    *export_button;
};

G_DEFINE_FINAL_TYPE (CcExportDialog, cc_export_dialog, ADW_TYPE_WINDOW)

enum { EXPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const papers[] = { "a4", "a3", "letter", "legal", NULL };

/* What an export puts on paper: like printing, but a cover and appendix
 * by default, for a handout. Remembered while the program runs. */
static CcPaperChoices *
export_choices (void)
{
  static CcPaperChoices choices;

  if (choices.chosen == NULL)
    {
      choices.sheets = CC_PAPER_SHEETS_ALL;
      choices.chosen = g_ptr_array_new_with_free_func (g_free);
      choices.tile_columns = choices.tile_rows = 1;
      choices.cover_and_appendix = TRUE;
      choices.turn_to_fit = TRUE;
    }
  return &choices;
}

static struct { guint paper; gboolean landscape; guint format; int dpi; gboolean transparent; } last = { 0, FALSE, 0, 150, FALSE };

static CcExportDialogFormat
format_of (CcExportDialog *self)
{
  return (CcExportDialogFormat) adw_combo_row_get_selected (self->format_row);
}

static void
format_changed_cb (CcExportDialog *self)
{
  CcExportDialogFormat format = format_of (self);

  gtk_widget_set_visible (self->pdf_group, format == CC_EXPORT_DIALOG_PDF);
  gtk_widget_set_visible (self->choices_group, format == CC_EXPORT_DIALOG_PDF);
  gtk_widget_set_visible (self->png_group, format == CC_EXPORT_DIALOG_PNG);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->format_group),
                                         format == CC_EXPORT_DIALOG_PDF
                                         ? _("Pages to print or send, with a cover and an appendix if you like")
                                         : format == CC_EXPORT_DIALOG_PNG ? _("This sheet, for slides and documents")
                                         : _("This sheet, to edit in a drawing program"));
}

static void
show_error (CcExportDialog *self, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static GBytes *
render (CcExportDialog *self, GError **error)
{
  CcExportDialogFormat format = format_of (self);

  if (format == CC_EXPORT_DIALOG_PDF)
    {
      CcPaperChoices *choices = export_choices ();
      g_autoptr(GPtrArray) sheets = cc_paper_choices_get_sheets (choices, self->project, self->current);
      g_autoptr(CcHandout) handout = NULL;
      CcHandoutOptions options;

      cc_handout_options_init (&options);
      cc_paper_size (papers[MIN (adw_combo_row_get_selected (self->paper_row), G_N_ELEMENTS (papers) - 2)],
                     gtk_switch_get_active (self->landscape_switch), &options.paper_width, &options.paper_height);
      options.tile_columns = choices->tile_columns;
      options.tile_rows = choices->tile_rows;
      options.cover = options.appendix = choices->cover_and_appendix;
      options.draft = choices->draft;
      options.fit_orientation = choices->turn_to_fit;
      handout = cc_handout_new (self->project, sheets, &options);
      return cc_handout_export_pdf (handout, error);
    }
  if (self->current == NULL)
    {
      g_set_error (error, CC_EXPORT_ERROR, CC_EXPORT_ERROR_FAILED, _("There is no sheet to export"));
      return NULL;
    }
  if (format == CC_EXPORT_DIALOG_PNG)
    return cc_export_png (self->project, self->current, gtk_spin_button_get_value (self->dpi_spin),
                          gtk_switch_get_active (self->transparent_switch), error);
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    g_ptr_array_add (one, self->current);
    return cc_export_sheets (self->project, one, CC_EXPORT_SVG, 0, error);
  }
}

gboolean
cc_export_dialog_export_to (CcExportDialog *self, GFile *file, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CC_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  last.format = adw_combo_row_get_selected (self->format_row);
  last.paper = adw_combo_row_get_selected (self->paper_row);
  last.landscape = gtk_switch_get_active (self->landscape_switch);
  last.dpi = gtk_spin_button_get_value_as_int (self->dpi_spin);
  last.transparent = gtk_switch_get_active (self->transparent_switch);

  bytes = render (self, &local);
  if (bytes == NULL || !cc_write_file_atomic (file, bytes, &local))
    {
      g_autofree char *isolated = cc_bidi_isolate (name);
      g_autofree char *message = g_strdup_printf (_("Could not export to “%s”: %s"), isolated, local->message);

      show_error (self, message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[EXPORTED], 0, file);
  return TRUE;
}

const char *
cc_export_dialog_get_error (CcExportDialog *self)
{
  g_return_val_if_fail (CC_IS_EXPORT_DIALOG (self), NULL);
  return self->error;
}

static void
chooser_response_cb (GtkNativeDialog *native, int response, CcExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL && cc_export_dialog_export_to (self, file, NULL))
        gtk_window_destroy (GTK_WINDOW (self));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_clicked_cb (CcExportDialog *self)
{
  static const char *suffixes[] = { ".pdf", ".png", ".svg" };
  CcExportDialogFormat format = format_of (self);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  const char *stem = format == CC_EXPORT_DIALOG_PDF || self->current == NULL
                     ? self->base_name : cc_item_get_string (self->current, CC_SHEET_TITLE);

  native = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = g_strconcat (stem != NULL && stem[0] ? stem : _("Handout"), suffixes[format], NULL);
  g_strdelimit (name, "/\\:", '-');
  cc_bidi_strip_controls (name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GtkWidget *
switch_row (const char *title, const char *subtitle, GtkSwitch **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return row;
}

static AdwComboRow *
combo_row (const char *title, const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char **) items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return ADW_COMBO_ROW (row);
}

static void
build (CcExportDialog *self)
{
  /* Short, so that none is cut; the row's subtitle says what each holds. */
  const char *formats[] = { _("Handout (PDF)"), _("Picture (PNG)"), _("Drawing (SVG)"), NULL };
  const char *paper_names[] = { _("A4"), _("A3"), _("US Letter"), _("US Legal"), NULL };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *row, *choices;
  GtkPageSetup *setup = cc_print_get_page_setup ();
  const char *setup_paper = gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup));

  gtk_window_set_title (GTK_WINDOW (self), _("Export"));
  /* Within a 1280 × 720 projector's screen, with room for the panels */
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 620);
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_start (self->error_label, 18);
  gtk_widget_set_margin_end (self->error_label, 18);
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export problem"), -1);
  gtk_box_append (GTK_BOX (toolbar), self->error_label);

  group = adw_preferences_group_new ();
  self->format_group = group;
  self->format_row = combo_row (_("_Format"), formats);
  adw_combo_row_set_selected (self->format_row, last.format);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->format_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->pdf_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->pdf_group), _("Paper"));
  self->paper_row = combo_row (_("_Size"), paper_names);
  {
    guint paper = last.paper;

    /* The paper printing uses, the first time */
    for (guint i = 0; last.format == 0 && last.paper == 0 && papers[i] != NULL; i++)
      if ((g_str_equal (papers[i], "a4") && g_str_equal (setup_paper, GTK_PAPER_NAME_A4))
          || (g_str_equal (papers[i], "a3") && g_str_equal (setup_paper, GTK_PAPER_NAME_A3))
          || (g_str_equal (papers[i], "letter") && g_str_equal (setup_paper, GTK_PAPER_NAME_LETTER))
          || (g_str_equal (papers[i], "legal") && g_str_equal (setup_paper, GTK_PAPER_NAME_LEGAL)))
        paper = i;
    adw_combo_row_set_selected (self->paper_row, paper);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->pdf_group), GTK_WIDGET (self->paper_row));
  row = switch_row (_("_Landscape"), _("Pages wider than tall"), &self->landscape_switch);
  gtk_switch_set_active (self->landscape_switch,
                         last.landscape || gtk_page_setup_get_orientation (setup) == GTK_PAGE_ORIENTATION_LANDSCAPE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->pdf_group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->pdf_group));

  self->choices_group = adw_preferences_group_new ();
  choices = cc_paper_choices_widget_new (export_choices (), self->project, self->current);
  gtk_widget_set_name (choices, "paper-choices");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->choices_group), choices);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->choices_group));

  self->png_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->png_group), _("Picture"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Resolution"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Dots per inch: 96 for a screen, 300 for print"));
  self->dpi_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (CC_PNG_DPI_MIN, CC_PNG_DPI_MAX, 1));
  gtk_spin_button_set_increments (self->dpi_spin, 24, 96);
  gtk_spin_button_set_value (self->dpi_spin, last.dpi);
  gtk_widget_set_valign (GTK_WIDGET (self->dpi_spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->dpi_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->dpi_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->png_group), row);
  row = switch_row (_("_Transparent Background"), _("No white paper behind the drawing"), &self->transparent_switch);
  gtk_switch_set_active (self->transparent_switch, last.transparent);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->png_group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->png_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  format_changed_cb (self);
}

static void
cc_export_dialog_dispose (GObject *object)
{
  CcExportDialog *self = CC_EXPORT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->current, cc_item_unref);
  g_clear_pointer (&self->base_name, g_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (cc_export_dialog_parent_class)->dispose (object);
}

static void
cc_export_dialog_class_init (CcExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_export_dialog_dispose;
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_FILE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_export_dialog_init (CcExportDialog *self)
{
}

CcExportDialog *
cc_export_dialog_new (GtkWindow *parent, CcProject *project, CcItem *current, const char *base_name)
{
  CcExportDialog *self;

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  self = g_object_new (CC_TYPE_EXPORT_DIALOG, "modal", TRUE, "transient-for", parent, "destroy-with-parent", TRUE,
                       NULL);
  self->project = g_object_ref (project);
  self->current = current != NULL ? cc_item_ref (current) : NULL;
  self->base_name = g_strdup (base_name);
  build (self);
  return self;
}
