/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-inspector-private.h"

/* A card of a design canvas: its text, colour, score and the organisation
 * it is about. (A card on a grid shows its organisation's page instead.) */

struct _CcInspectorCardPage
{
  CcInspectorPage  parent_instance;

  GtkTextView     *card_text;
  GtkColorButton  *card_color_button;
  GtkSpinButton   *card_score_spin;
  AdwComboRow     *card_actor_row;

  GPtrArray       *actor_ids;   /* in card_actor_row's model; "" first, for none */
};

G_DEFINE_FINAL_TYPE (CcInspectorCardPage, cc_inspector_card_page, CC_TYPE_INSPECTOR_PAGE)

static void
cc_inspector_card_page_rebuild_choices (CcInspectorPage *page)
{
  CcInspectorCardPage *self = CC_INSPECTOR_CARD_PAGE (page);
  g_autoptr(GtkStringList) list = cc_inspector_actor_choices (cc_inspector_page_get_project (page), NULL,
                                                              self->actor_ids);

  adw_combo_row_set_model (self->card_actor_row, G_LIST_MODEL (list));
}

static void
cc_inspector_card_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_INSPECTOR_CARD_PAGE);

  G_OBJECT_CLASS (cc_inspector_card_page_parent_class)->dispose (object);
}

static void
cc_inspector_card_page_finalize (GObject *object)
{
  CcInspectorCardPage *self = CC_INSPECTOR_CARD_PAGE (object);

  g_clear_pointer (&self->actor_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_inspector_card_page_parent_class)->finalize (object);
}

static void
cc_inspector_card_page_class_init (CcInspectorCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CcInspectorPageClass *page_class = CC_INSPECTOR_PAGE_CLASS (klass);

  object_class->dispose = cc_inspector_card_page_dispose;
  object_class->finalize = cc_inspector_card_page_finalize;
  page_class->rebuild_choices = cc_inspector_card_page_rebuild_choices;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-inspector-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInspectorCardPage, card_text);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorCardPage, card_color_button);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorCardPage, card_score_spin);
  gtk_widget_class_bind_template_child (widget_class, CcInspectorCardPage, card_actor_row);
}

static void
cc_inspector_card_page_init (CcInspectorCardPage *self)
{
  CcInspectorPage *page = CC_INSPECTOR_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actor_ids = g_ptr_array_new_with_free_func (g_free);

  cc_inspector_page_bind (page, GTK_WIDGET (self->card_text), CC_KIND_CARD, CC_CARD_TEXT, _("Edit Card"),
                          CC_BIND_KEEP_TYPED);
  cc_field_binding_set_fallback (cc_inspector_page_bind (page, GTK_WIDGET (self->card_color_button), CC_KIND_CARD,
                                                         CC_CARD_COLOR, _("Colour Card"), CC_BIND_DEFAULT),
                                 "#fff1a8");
  cc_inspector_page_bind (page, GTK_WIDGET (self->card_score_spin), CC_KIND_CARD, CC_CARD_SCORE, _("Score Card"),
                          CC_BIND_DEFAULT);
  cc_field_binding_set_choices (cc_inspector_page_bind (page, GTK_WIDGET (self->card_actor_row), CC_KIND_CARD,
                                                        CC_CARD_ACTOR, _("Change Organisation of Card"),
                                                        CC_BIND_DEFAULT),
                                self->actor_ids);
}
