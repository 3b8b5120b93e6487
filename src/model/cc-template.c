/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-template"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cc-model-resources.h"
#include "cc-template.h"

#define TEMPLATES_PATH "/io/github/concordmaps/Concord/templates/"
#define MAX_GRID       32

static const char * const score_role_names[] = { "none", "gain", "pain", NULL };

/* The registry: read on first use, never freed. */
static GPtrArray *templates;  /* CcTemplate* */

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_intern_string (json_node_get_string (node));
}

static guint
member_uint (JsonObject *object, const char *name, guint def, guint lo, guint hi)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 v;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return def;
  v = json_node_get_int (node);
  return (guint) CLAMP (v, (gint64) lo, (gint64) hi);
}

static CcTemplate *
parse_template (const char *path, GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) panels = g_array_new (FALSE, TRUE, sizeof (CcTemplatePanel));
  JsonObject *root;
  JsonArray *array;
  CcTemplate *tmpl;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      g_critical ("Template %s: %s", path, error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_critical ("Template %s: not an object", path);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (member_string (root, "id") == NULL || !json_object_has_member (root, "panels") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "panels")))
    {
      g_critical ("Template %s: no id or no panels", path);
      return NULL;
    }

  tmpl = g_new0 (CcTemplate, 1);
  tmpl->id = member_string (root, "id");
  tmpl->title = member_string (root, "title");
  if (tmpl->title == NULL)
    tmpl->title = tmpl->id;
  tmpl->columns = member_uint (root, "columns", 1, 1, MAX_GRID);
  tmpl->rows = member_uint (root, "rows", 1, 1, MAX_GRID);

  array = json_object_get_array_member (root, "panels");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      CcTemplatePanel panel = { 0 };
      const char *role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      panel.id = member_string (object, "id");
      if (panel.id == NULL)
        continue;
      panel.title = member_string (object, "title");
      if (panel.title == NULL)
        panel.title = panel.id;
      panel.prompt = member_string (object, "prompt");
      if (panel.prompt == NULL)
        panel.prompt = g_intern_static_string ("");
      panel.col = member_uint (object, "col", 0, 0, tmpl->columns - 1);
      panel.row = member_uint (object, "row", 0, 0, tmpl->rows - 1);
      panel.col_span = member_uint (object, "col_span", 1, 1, tmpl->columns - panel.col);
      panel.row_span = member_uint (object, "row_span", 1, 1, tmpl->rows - panel.row);
      panel.color = member_string (object, "color");
      if (panel.color != NULL && !cc_color_is_valid (panel.color))
        panel.color = NULL;
      panel.next = member_string (object, "next");
      role = member_string (object, "score");
      panel.score_role = CC_SCORE_ROLE_NONE;
      for (guint r = 0; role != NULL && score_role_names[r] != NULL; r++)
        if (strcmp (role, score_role_names[r]) == 0)
          panel.score_role = (CcScoreRole) r;
      g_array_append_val (panels, panel);
    }
  tmpl->n_panels = panels->len;
  tmpl->panels = (const CcTemplatePanel *) g_array_free (g_steal_pointer (&panels), FALSE);
  return tmpl;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gpointer
load_templates (gpointer data)
{
  GPtrArray *all = g_ptr_array_new ();
  GResource *resource = cc_model_get_resource ();
  g_auto(GStrv) names = g_resource_enumerate_children (resource, TEMPLATES_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (names != NULL)
    qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (TEMPLATES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      CcTemplate *tmpl;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_critical ("Template %s: %s", path, error->message);
          continue;
        }
      tmpl = parse_template (path, bytes);
      if (tmpl != NULL)
        g_ptr_array_add (all, tmpl);
    }
  return all;
}

static GPtrArray *
get_templates (void)
{
  static GOnce once = G_ONCE_INIT;

  templates = g_once (&once, load_templates, NULL);
  return templates;
}

/**
 * cc_template_get_all:
 * @n: (out) (optional): the number of templates
 *
 * Returns: (transfer none): the built-in templates
 */
const CcTemplate **
cc_template_get_all (guint *n)
{
  GPtrArray *all = get_templates ();

  if (n != NULL)
    *n = all->len;
  return (const CcTemplate **) all->pdata;
}

const CcTemplate *
cc_template_lookup (const char *id)
{
  GPtrArray *all = get_templates ();

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      const CcTemplate *tmpl = all->pdata[i];

      if (strcmp (tmpl->id, id) == 0)
        return tmpl;
    }
  return NULL;
}

const CcTemplatePanel *
cc_template_find_panel (const CcTemplate *tmpl, const char *panel_id)
{
  if (tmpl == NULL || panel_id == NULL)
    return NULL;
  for (guint i = 0; i < tmpl->n_panels; i++)
    if (strcmp (tmpl->panels[i].id, panel_id) == 0)
      return &tmpl->panels[i];
  return NULL;
}

void
cc_canvas_gain_pain (CcItem *canvas, int *gain, int *pain)
{
  const CcTemplate *tmpl;
  int sums[3] = { 0, 0, 0 };

  g_return_if_fail (canvas != NULL && cc_item_get_kind (canvas) == CC_KIND_CANVAS);
  tmpl = cc_template_lookup (cc_item_get_string (canvas, CC_CANVAS_TEMPLATE));
  for (guint i = 0; i < cc_item_get_n_children (canvas, CC_CANVAS_CARDS); i++)
    {
      CcItem *card = cc_item_get_child (canvas, CC_CANVAS_CARDS, i);
      const CcTemplatePanel *panel = cc_template_find_panel (tmpl, cc_item_get_string (card, CC_CARD_PANEL));
      gint64 score = cc_item_get_int (card, CC_CARD_SCORE);

      if (panel != NULL && score > 0)
        sums[panel->score_role] += (int) score;
    }
  if (gain != NULL)
    *gain = sums[CC_SCORE_ROLE_GAIN];
  if (pain != NULL)
    *pain = sums[CC_SCORE_ROLE_PAIN];
}
