/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-quick-entry"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cc-map-edit.h"
#include "cc-quick-entry.h"
#include "cc-schema.h"

static const char * const sector_words[] = { "public", "private", "voluntary", "community", "other" };
static const char * const kind_words[] = { "organisation", "board", "group", "person" };

G_STATIC_ASSERT (G_N_ELEMENTS (sector_words) == CC_N_SECTORS);
G_STATIC_ASSERT (G_N_ELEMENTS (kind_words) == CC_N_ACTOR_KINDS);

static void
fail (GError    **error,
      int        *error_at,
      int         at,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
fail (GError    **error,
      int        *error_at,
      int         at,
      const char *format,
      ...)
{
  va_list args;

  if (error_at != NULL)
    *error_at = at;
  va_start (args, format);
  if (error != NULL && *error == NULL)
    *error = g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, format, args);
  va_end (args);
}

/* @word among @choices: said whole, or the start of just one (ignoring
 * case). -1 for none, -2 for several. */
static int
choose (const char         *word,
        const char * const *choices,
        guint               n)
{
  g_autofree char *want = g_utf8_casefold (word, -1);
  int found = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *have = g_utf8_casefold (choices[i], -1);

      if (g_str_equal (have, want))
        return (int) i;
      if (g_str_has_prefix (have, want))
        found = found == -1 ? (int) i : -2;
    }
  return found;
}

/* @text with each run of spaces within it as one: a name typed in a hurry
 * is not kept with the hurry in it. */
static char *
one_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      g_string_append_c (out, *p);
    else if (out->len > 0 && out->str[out->len - 1] != ' ')
      g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/* One end: a name, then what is in brackets after it. */
static gboolean
parse_end (const char *text,
           int         start,
           int         end,
           CcQuickEnd *out,
           int        *error_at,
           GError    **error)
{
  g_autofree char *part = g_strndup (text + start, end - start);
  char *open = strchr (part, '[');
  g_auto(GStrv) words = NULL;

  out->sector = -1;
  out->kind = -1;
  if (open != NULL)
    {
      char *close = strchr (open, ']');

      if (close == NULL)
        {
          fail (error, error_at, start + (int) (open - part), _("A “[” without its “]”"));
          return FALSE;
        }
      if (close[1 + strspn (close + 1, " \t")] != '\0')
        {
          fail (error, error_at, start + (int) (close - part) + 1, _("Nothing may follow the “]” but a link"));
          return FALSE;
        }
      *close = '\0';
      words = g_strsplit (open + 1, ",", -1);
      *open = '\0';
      for (guint i = 0; words[i] != NULL; i++)
        {
          char *word = g_strstrip (words[i]);
          int sector = word[0] != '\0' ? choose (word, sector_words, G_N_ELEMENTS (sector_words)) : -1;
          int kind = word[0] != '\0' ? choose (word, kind_words, G_N_ELEMENTS (kind_words)) : -1;

          if (word[0] == '\0')
            continue;
          if ((sector >= 0 && kind != -1) || (kind >= 0 && sector != -1) || sector == -2 || kind == -2)
            {
              fail (error, error_at, start + (int) (open - part) + 1, _("“%s” could mean more than one sector or kind"),
                    word);
              return FALSE;
            }
          if (sector >= 0)
            out->sector = sector;
          else if (kind >= 0)
            out->kind = kind;
          else
            {
              fail (error, error_at, start + (int) (open - part) + 1,
                    _("“%s” is not a sector (public, private, voluntary, community, other) or a kind "
                      "(organisation, board, group, person)"), word);
              return FALSE;
            }
        }
    }
  out->name = one_space (g_strstrip (part));
  if (out->name[0] == '\0')
    {
      fail (error, error_at, start, _("The name of an organisation is missing"));
      return FALSE;
    }
  return TRUE;
}

/* A link type: a built-in one or one of the project's, by id or label. */
static char *
find_type (CcProject  *project,
           const char *word,
           int         at,
           int        *error_at,
           GError    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const CcBuiltinLinkType *builtin;
  GPtrArray *own = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES);
  guint n;
  int i;

  builtin = cc_builtin_link_types (&n);
  for (guint k = 0; k < n; k++)
    {
      g_ptr_array_add (ids, (gpointer) builtin[k].id);
      g_ptr_array_add (names, g_strdup (builtin[k].id));
    }
  for (guint k = 0; own != NULL && k < own->len; k++)
    {
      const char *id = cc_item_get_id (own->pdata[k]);

      g_ptr_array_add (ids, (gpointer) id);
      g_ptr_array_add (names, g_strdup (id));
      g_ptr_array_add (ids, (gpointer) id);
      g_ptr_array_add (names, g_strdup (cc_item_get_string (own->pdata[k], CC_LINK_TYPE_LABEL)));
    }
  g_ptr_array_add (names, NULL);
  i = choose (word, (const char * const *) names->pdata, ids->len);
  /* A label and an id of the same type both starting so are one type. */
  if (i == -2)
    {
      const char *only = NULL;
      g_autofree char *want = g_utf8_casefold (word, -1);

      for (guint k = 0; k < ids->len; k++)
        {
          g_autofree char *have = g_utf8_casefold (names->pdata[k], -1);

          if (g_str_has_prefix (have, want))
            {
              if (only != NULL && g_strcmp0 (only, ids->pdata[k]) != 0)
                {
                  only = NULL;
                  break;
                }
              only = ids->pdata[k];
            }
        }
      if (only != NULL)
        return g_strdup (only);
    }
  if (i < 0)
    {
      fail (error, error_at, at, i == -2 ? _("“%s” could mean more than one link type")
                                         : _("“%s” is not a link type of this project"), word);
      return NULL;
    }
  return g_strdup (ids->pdata[i]);
}

GPtrArray *
cc_quick_link_types_starting (CcProject  *project,
                              const char *start)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *want = NULL;
  const CcBuiltinLinkType *builtin;
  GPtrArray *own;
  guint n;

  g_return_val_if_fail (CC_IS_PROJECT (project), found);
  if (start == NULL || !g_utf8_validate (start, -1, NULL))
    return found;
  want = g_utf8_casefold (start, -1);
  builtin = cc_builtin_link_types (&n);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *have = g_utf8_casefold (builtin[k].id, -1);

      if (g_str_has_prefix (have, want))
        g_ptr_array_add (found, g_strdup (builtin[k].id));
    }
  own = cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES);
  for (guint k = 0; own != NULL && k < own->len; k++)
    {
      const char *label = cc_item_get_string (own->pdata[k], CC_LINK_TYPE_LABEL);
      const char *id = cc_item_get_id (own->pdata[k]);
      g_autofree char *have_label = g_utf8_casefold (label != NULL ? label : "", -1);
      g_autofree char *have_id = g_utf8_casefold (id != NULL ? id : "", -1);
      /* By its name, which is what the room says; the id when it has none. */
      const char *word = label != NULL && label[0] != '\0' ? label : id;

      if (word == NULL || word[0] == '\0' || !(g_str_has_prefix (have_label, want) || g_str_has_prefix (have_id, want)))
        continue;
      if (!g_ptr_array_find_with_equal_func (found, word, g_str_equal, NULL))
        g_ptr_array_add (found, g_strdup (word));
    }
  return found;
}

/* After the “:”: the type and the strength, in either order. */
static gboolean
parse_attributes (CcProject   *project,
                  const char  *text,
                  int          start,
                  CcQuickLine *line,
                  int         *error_at,
                  GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (text + start, " \t", -1);
  g_autoptr(GString) type = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 v;

      if (words[i][0] == '\0')
        continue;
      v = g_ascii_strtoll (words[i], &end, 10);
      if (end != words[i] && *end == '\0')
        {
          if (v < 1 || v > 5 || line->strength != 0)
            {
              fail (error, error_at, start, _("A link's strength is one number from 1 to 5"));
              return FALSE;
            }
          line->strength = (int) v;
          continue;
        }
      if (type->len > 0)
        g_string_append_c (type, ' ');
      g_string_append (type, words[i]);
    }
  if (type->len > 0 && (line->type = find_type (project, type->str, start, error_at, error)) == NULL)
    return FALSE;
  if (type->len == 0 && line->strength == 0)
    {
      fail (error, error_at, start, _("A link type or a strength (1 to 5) goes after the “:”"));
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_quick_line_parse (CcProject    *project,
                     const char   *text,
                     CcQuickLine  *line,
                     int          *error_at,
                     GError      **error)
{
  const char *link, *colon;
  int length;

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (text != NULL && line != NULL, FALSE);

  memset (line, 0, sizeof *line);
  line->ends[0].sector = line->ends[0].kind = line->ends[1].sector = line->ends[1].kind = -1;
  if (!g_utf8_validate (text, -1, NULL))
    {
      fail (error, error_at, 0, _("The line is not valid text"));
      return FALSE;
    }
  length = (int) strlen (text);
  link = strstr (text, "--");
  if (link == NULL || (strstr (text, "->") != NULL && strstr (text, "->") < link))
    link = strstr (text, "->");
  if (link == NULL)
    {
      if (strchr (text, ':') != NULL && strchr (text, '[') == NULL)
        {
          fail (error, error_at, (int) (strchr (text, ':') - text), _("A type and strength belong to a link (A -- B : type)"));
          return FALSE;
        }
      return parse_end (text, 0, length, &line->ends[0], error_at, error) || (cc_quick_line_clear (line), FALSE);
    }
  line->link = TRUE;
  line->directed = link[1] == '>';
  colon = strchr (link + 2, ':');
  if (!parse_end (text, 0, (int) (link - text), &line->ends[0], error_at, error)
      || !parse_end (text, (int) (link - text) + 2, colon != NULL ? (int) (colon - text) : length, &line->ends[1],
                     error_at, error)
      || (colon != NULL && !parse_attributes (project, text, (int) (colon - text) + 1, line, error_at, error)))
    {
      cc_quick_line_clear (line);
      return FALSE;
    }
  if (strstr (line->ends[1].name, "--") != NULL || strstr (line->ends[1].name, "->") != NULL)
    {
      fail (error, error_at, (int) (link - text) + 2, _("One line links two organisations, not more"));
      cc_quick_line_clear (line);
      return FALSE;
    }
  return TRUE;
}

void
cc_quick_line_clear (CcQuickLine *line)
{
  g_clear_pointer (&line->ends[0].name, g_free);
  g_clear_pointer (&line->ends[1].name, g_free);
  g_clear_pointer (&line->type, g_free);
}

/* The node of one end on @sheet, placed in free space near (@x, @y),
 * towards (@mx, @my), when it has none, clear of @boxes. */
static CcItem *
apply_end (CcProject        *project,
           CcItem           *sheet,
           const CcQuickEnd *end,
           double            x,
           double            y,
           double            mx,
           double            my,
           const CcMapBox   *boxes,
           guint             n_boxes)
{
  CcItem *found = cc_project_find_actor_named (project, end->name);
  CcItem *node;

  if (found == NULL || cc_map_node_of_actor (sheet, found) == NULL)
    cc_map_free_point (sheet, boxes, n_boxes, x, y, mx, my, &x, &y);
  node = cc_map_place_organisation (project, sheet, NULL, found, end->name, "informal", x, y);
  CcItem *actor = node != NULL ? cc_project_get_node_actor (project, node) : NULL;

  if (actor == NULL)
    return NULL;
  if (end->sector >= 0 && cc_item_get_int (actor, CC_ACTOR_SECTOR) != end->sector)
    cc_project_set_int (project, actor, CC_ACTOR_SECTOR, end->sector);
  if (end->kind >= 0 && cc_item_get_int (actor, CC_ACTOR_KIND) != end->kind)
    cc_project_set_int (project, actor, CC_ACTOR_KIND, end->kind);
  return node;
}

static CcItem *
link_between (CcItem *sheet,
              CcItem *a,
              CcItem *b)
{
  GPtrArray *links = cc_item_get_children (sheet, CC_MAP_LINKS);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const char *from = cc_item_get_string (links->pdata[i], CC_LINK_FROM);
      const char *to = cc_item_get_string (links->pdata[i], CC_LINK_TO);

      if ((g_strcmp0 (from, cc_item_get_id (a)) == 0 && g_strcmp0 (to, cc_item_get_id (b)) == 0)
          || (g_strcmp0 (from, cc_item_get_id (b)) == 0 && g_strcmp0 (to, cc_item_get_id (a)) == 0))
        return links->pdata[i];
    }
  return NULL;
}

GPtrArray *
cc_quick_line_apply (CcProject         *project,
                     CcItem            *sheet,
                     const CcQuickLine *line,
                     double             x,
                     double             y)
{
  return cc_quick_line_apply_clear_of (project, sheet, line, x, y, NULL, 0);
}

GPtrArray *
cc_quick_line_apply_clear_of (CcProject         *project,
                              CcItem            *sheet,
                              const CcQuickLine *line,
                              double             x,
                              double             y,
                              const CcMapBox    *boxes,
                              guint              n_boxes)
{
  GPtrArray *items = g_ptr_array_new ();
  CcItem *a, *b = NULL, *link, *other;
  double mx = x, my = y;   /* the middle of the view */

  g_return_val_if_fail (CC_IS_PROJECT (project), items);
  g_return_val_if_fail (sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP, items);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, items);

  /* A new organisation linked to one on the map goes beside that one;
   * only one linked to nothing there goes near the middle of the view. */
  other = line->link ? cc_map_node_of_actor (sheet, cc_project_find_actor_named (project, line->ends[1].name)) : NULL;
  if (other != NULL)
    {
      x = cc_item_get_double (other, CC_NODE_X);
      y = cc_item_get_double (other, CC_NODE_Y);
    }
  cc_project_begin_group (project, line->link ? _("Add Link") : _("Add Organisation"));
  a = apply_end (project, sheet, &line->ends[0], x, y, mx, my, boxes, n_boxes);
  if (a != NULL)
    g_ptr_array_add (items, a);
  if (a != NULL && line->link)
    {
      /* Beside the first, as near as there is room. */
      b = apply_end (project, sheet, &line->ends[1], cc_item_get_double (a, CC_NODE_X),
                     cc_item_get_double (a, CC_NODE_Y), mx, my, boxes, n_boxes);
      if (b != NULL && b != a)
        {
          g_ptr_array_add (items, b);
          link = link_between (sheet, a, b);
          if (link == NULL)
            link = cc_map_add_link (project, sheet, a, b, line->type != NULL ? line->type : "informal");
          else if (line->type != NULL && g_strcmp0 (cc_item_get_string (link, CC_LINK_TYPE), line->type) != 0)
            cc_project_set_string (project, link, CC_LINK_TYPE, line->type);
          if (link != NULL)
            {
              if (line->strength > 0 && cc_item_get_int (link, CC_LINK_STRENGTH) != line->strength)
                cc_project_set_int (project, link, CC_LINK_STRENGTH, line->strength);
              if (line->directed && !cc_item_get_bool (link, CC_LINK_DIRECTED))
                cc_project_set_bool (project, link, CC_LINK_DIRECTED, TRUE);
              g_ptr_array_add (items, link);
            }
        }
    }
  cc_project_end_group (project);
  return items;
}
