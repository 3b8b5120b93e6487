/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-bidi.h"
#include "cc-link-type-menu.h"
#include "cc-map-edit.h"
#include "cc-outline-internal.h"

/* What a row stands for, with the widgets and sort keys made for it. */
G_DEFINE_FINAL_TYPE (CcOutline, cc_outline, GTK_TYPE_WIDGET)

guint cc_outline_signals[N_SIGNALS];
static GQuark row_quark;

/* Rows made at once when a sheet is listed, then between frames. (Each
 * frame that adds rows lays the whole list out again: a compromise between
 * the time to list everything and the time of each frame.) */
#define BUILD_FIRST 300
#define BUILD_CHUNK 100

static void update_row (CcOutline *self, GtkListBoxRow *row, gboolean resort);

/* Helpers */

RowData *
cc_outline_row_data (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_qdata (G_OBJECT (row), row_quark) : NULL;
}

static void
row_data_free (gpointer data)
{
  RowData *d = data;

  g_clear_pointer (&d->item, cc_item_unref);
  g_clear_object (&d->label);
  g_free (d->title);
  g_free (d->key);
  g_free (d->key2);
  g_free (d);
}

static gboolean
is_map (CcItem *sheet)
{
  return sheet != NULL && cc_item_get_kind (sheet) == CC_KIND_MAP;
}

static char *
make_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return g_utf8_collate_key (folded, -1);
}

const char *
cc_outline_node_name (CcOutline *self,
           CcItem    *node)
{
  CcItem *actor = node != NULL ? cc_project_get_node_actor (self->project, node) : NULL;
  const char *name = actor != NULL ? cc_item_get_string (actor, CC_ACTOR_NAME) : NULL;

  return name != NULL && name[0] != '\0' ? name : NULL;
}

/* The node at one end of a link, if it is on the sheet. */
static CcItem *
link_end (CcOutline *self,
          CcItem    *link,
          guint      field)
{
  CcItem *node = cc_project_lookup (self->project, cc_item_get_string (link, field));

  return node != NULL && cc_item_get_kind (node) == CC_KIND_NODE ? node : NULL;
}

static const char *
link_type_label (CcOutline  *self,
                 const char *id,
                 gboolean   *directed)
{
  const CcBuiltinLinkType *builtin = cc_builtin_link_type (id);
  CcItem *type;

  *directed = FALSE;
  if (builtin != NULL)
    {
      *directed = builtin->directed;
      return _(builtin->label);
    }
  type = id != NULL && id[0] != '\0' ? cc_project_lookup (self->project, id) : NULL;
  if (type != NULL && cc_item_get_kind (type) == CC_KIND_LINK_TYPE)
    {
      const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);

      *directed = cc_item_get_bool (type, CC_LINK_TYPE_DIRECTED);
      return label != NULL && label[0] != '\0' ? label : id;
    }
  return id != NULL && id[0] != '\0' ? id : _("Link");
}

static GtkListBoxRow *
find_row (CcOutline *self,
          CcItem    *item)
{
  return item != NULL ? g_hash_table_lookup (self->rows, item) : NULL;
}

/* The row the keyboard is on, if the focus is in the list. */
GtkListBoxRow *
cc_outline_focus_row (CcOutline *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self->list));

  return GTK_IS_LIST_BOX_ROW (child) && cc_outline_row_data (GTK_LIST_BOX_ROW (child)) != NULL
         ? GTK_LIST_BOX_ROW (child) : NULL;
}

gboolean
cc_outline_is_busy (CcOutline *self)
{
  return self->edit_row != NULL || gtk_widget_get_visible (self->type_popover);
}

static void
update_page (CcOutline *self)
{
  const char *page = "other";

  if (is_map (self->sheet))
    page = cc_item_get_n_children (self->sheet, CC_MAP_NODES)
           + cc_item_get_n_children (self->sheet, CC_MAP_LINKS) > 0 ? "list" : "empty";
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* Brings @row into view in the list without moving the focus. */
void
cc_outline_scroll_to_row (CcOutline     *self,
               GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *header = gtk_list_box_row_get_header (row);
  graphene_rect_t bounds, header_bounds;
  double value, page;

  if (gtk_widget_get_height (GTK_WIDGET (row)) <= 0
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds))
    return;
  /* With the heading of its section, if it starts one. */
  if (header != NULL && gtk_widget_compute_bounds (header, GTK_WIDGET (self->list), &header_bounds))
    graphene_rect_union (&bounds, &header_bounds, &bounds);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

/* Selects the rows of what is selected in the model, changing only the
 * rows that differ (a selection of thousands loses one item at a time when
 * they are deleted). */
static void
sync_from_selection (CcOutline *self)
{
  g_autoptr(GHashTable) wanted = NULL;
  GPtrArray *items;
  GtkListBoxRow *single = NULL;
  GList *selected;
  GHashTableIter iter;
  gpointer row;

  if (self->dirty || self->selection == NULL)
    return;
  items = cc_selection_get_items (self->selection);
  wanted = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      row = find_row (self, items->pdata[i]);
      if (row != NULL)
        g_hash_table_add (wanted, row);
      if (items->len == 1)
        single = row;
    }

  self->syncing = TRUE;
  selected = gtk_list_box_get_selected_rows (self->list);
  for (GList *l = selected; l != NULL; l = l->next)
    if (!g_hash_table_remove (wanted, l->data))
      gtk_list_box_unselect_row (self->list, l->data);
  g_list_free (selected);
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    gtk_list_box_select_row (self->list, row);
  self->syncing = FALSE;

  if (single != NULL)
    cc_outline_scroll_to_row (self, single);
}

/* Rows */

/* The title of a node's row and the names at a link's ends, as shown. */
static const char *
shown_node_name (CcOutline *self,
                 CcItem    *node)
{
  const char *name = cc_outline_node_name (self, node);

  return name != NULL ? name : _("Unnamed organisation");
}

static const char *
shown_end_name (CcOutline *self,
                CcItem    *link,
                guint      field)
{
  const char *name = cc_outline_node_name (self, link_end (self, link, field));

  return name != NULL ? name : "?";
}

/* The sort keys of an item's row: its name, or the names at its ends. */
static void
make_keys (CcOutline  *self,
           CcItem     *item,
           char      **key,
           char      **key2)
{
  if (cc_item_get_kind (item) == CC_KIND_NODE)
    {
      *key = make_key (shown_node_name (self, item));
      *key2 = NULL;
    }
  else
    {
      *key = make_key (shown_end_name (self, item, CC_LINK_FROM));
      *key2 = make_key (shown_end_name (self, item, CC_LINK_TO));
    }
}

/* Organisations first, then links; by name; then in a stable order. */
static int
compare_items (CcItem     *a,
               const char *a_key,
               const char *a_key2,
               CcItem     *b,
               const char *b_key,
               const char *b_key2)
{
  CcKind ka = cc_item_get_kind (a);
  CcKind kb = cc_item_get_kind (b);
  int cmp;

  if (ka != kb)
    return ka == CC_KIND_NODE ? -1 : 1;
  cmp = g_strcmp0 (a_key, b_key);
  if (cmp == 0)
    cmp = g_strcmp0 (a_key2, b_key2);
  if (cmp == 0)
    cmp = g_strcmp0 (cc_item_get_id (a), cc_item_get_id (b));
  return cmp;
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  RowData *da = cc_outline_row_data (a);
  RowData *db = cc_outline_row_data (b);

  return compare_items (da->item, da->key, da->key2, db->item, db->key, db->key2);
}

typedef struct
{
  CcItem *item;
  char   *key;
  char   *key2;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;

  return compare_items (ea->item, ea->key, ea->key2, eb->item, eb->key, eb->key2);
}

/* The sheet's nodes and links in the order of the list. */
static GPtrArray *
sorted_items (CcOutline *self)
{
  GPtrArray *nodes = cc_item_get_children (self->sheet, CC_MAP_NODES);
  GPtrArray *links = cc_item_get_children (self->sheet, CC_MAP_LINKS);
  guint n_nodes = nodes != NULL ? nodes->len : 0;
  guint n = n_nodes + (links != NULL ? links->len : 0);
  g_autofree SortEntry *entries = g_new0 (SortEntry, MAX (n, 1));
  GPtrArray *items = g_ptr_array_new_full (n, (GDestroyNotify) cc_item_unref);

  for (guint i = 0; i < n; i++)
    {
      entries[i].item = i < n_nodes ? nodes->pdata[i] : links->pdata[i - n_nodes];
      make_keys (self, entries[i].item, &entries[i].key, &entries[i].key2);
    }
  qsort (entries, n, sizeof (SortEntry), compare_entries);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (items, cc_item_ref (entries[i].item));
      g_free (entries[i].key);
      g_free (entries[i].key2);
    }
  return items;
}

static GtkWidget *
create_header (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "sidebar-heading");
  gtk_widget_add_css_class (count, "sidebar-heading");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  g_object_set_data (G_OBJECT (box), "cc-title", title);
  g_object_set_data (G_OBJECT (box), "cc-count", count);
  return box;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CcOutline *self = user_data;
  CcKind kind = cc_item_get_kind (cc_outline_row_data (row)->item);
  GtkWidget *header;
  g_autofree char *count = NULL;

  /* Rows going with their sheet. */
  if (!is_map (self->sheet))
    return;
  if (before != NULL && cc_item_get_kind (cc_outline_row_data (before)->item) == kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = create_header ();
      gtk_list_box_row_set_header (row, header);
    }
  count = g_strdup_printf ("%u", cc_item_get_n_children (self->sheet,
                                                          kind == CC_KIND_NODE ? CC_MAP_NODES : CC_MAP_LINKS));
  gtk_label_set_text (g_object_get_data (G_OBJECT (header), "cc-title"),
                      kind == CC_KIND_NODE ? _("Organisations") : _("Links"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (header), "cc-count"), count);
}

static gboolean
headers_idle_cb (gpointer data)
{
  CcOutline *self = data;

  self->headers_id = 0;
  gtk_list_box_invalidate_headers (self->list);
  return G_SOURCE_REMOVE;
}

static void
schedule_headers (CcOutline *self)
{
  if (self->headers_id == 0)
    self->headers_id = g_idle_add_full (G_PRIORITY_DEFAULT, headers_idle_cb, self, NULL);
}

/* One label, two lines: fewer widgets make a long list much lighter to lay
 * out and to expose to screen readers. */
static void
set_content (RowData    *d,
             const char *title,
             const char *subtitle)
{
  g_autofree char *markup = g_markup_printf_escaped ("%s\n<span size=\"small\" alpha=\"60%%\">%s</span>",
                                                     title, subtitle);

  gtk_label_set_markup (GTK_LABEL (d->label), markup);
  g_free (d->title);
  d->title = g_strdup (title);
}

static void
update_node_row (CcOutline *self,
                 RowData   *d,
                 GtkWidget *row)
{
  CcItem *actor = cc_project_get_node_actor (self->project, d->item);
  const char *name = shown_node_name (self, d->item);
  const char *sector = "";
  const char *kind = "";
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  if (actor != NULL)
    {
      gint64 s = cc_item_get_int (actor, CC_ACTOR_SECTOR);
      gint64 k = cc_item_get_int (actor, CC_ACTOR_KIND);

      sector = s >= 0 && s < CC_N_SECTORS ? _(cc_sector_label ((CcSector) s)) : "";
      kind = k >= 0 && k < CC_N_ACTOR_KINDS ? _(cc_actor_kind_label ((CcActorKind) k)) : "";
    }
  /* TRANSLATORS: the sector and the kind of an organisation, in the outline */
  subtitle = g_strdup_printf (C_("outline", "%s · %s"), sector, kind);
  /* TRANSLATORS: the same, as a screen reader says it */
  description = g_strdup_printf (C_("outline", "%s, %s"), sector, kind);

  set_content (d, name, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_free (d->key);
  g_free (d->key2);
  make_keys (self, d->item, &d->key, &d->key2);
}

static void
update_link_row (CcOutline *self,
                 RowData   *d,
                 GtkWidget *row)
{
  CcItem *from = link_end (self, d->item, CC_LINK_FROM);
  CcItem *to = link_end (self, d->item, CC_LINK_TO);
  g_autofree char *from_name = cc_bidi_isolate (shown_end_name (self, d->item, CC_LINK_FROM));
  g_autofree char *to_name = cc_bidi_isolate (shown_end_name (self, d->item, CC_LINK_TO));
  gboolean type_directed;
  g_autofree char *type = cc_bidi_isolate (link_type_label (self, cc_item_get_string (d->item, CC_LINK_TYPE),
                                                            &type_directed));
  gboolean directed = type_directed || cc_item_get_bool (d->item, CC_LINK_DIRECTED);
  int strength = (int) cc_item_get_int (d->item, CC_LINK_STRENGTH);
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  if (directed)
    {
      /* TRANSLATORS: a link from one organisation to another, in the outline */
      title = g_strdup_printf (C_("outline", "%s → %s"), from_name, to_name);
      /* TRANSLATORS: the same, as a screen reader says it */
      label = g_strdup_printf (C_("outline", "Link from %s to %s"), from_name, to_name);
    }
  else
    {
      /* TRANSLATORS: a link between two organisations, in the outline */
      title = g_strdup_printf (C_("outline", "%s – %s"), from_name, to_name);
      /* TRANSLATORS: the same, as a screen reader says it */
      label = g_strdup_printf (C_("outline", "Link between %s and %s"), from_name, to_name);
    }
  /* TRANSLATORS: a link's type and strength (1 to 5), in the outline */
  subtitle = g_strdup_printf (C_("outline", "%s · strength %d"), type, strength);
  /* TRANSLATORS: the same, as a screen reader says it */
  description = g_strdup_printf (C_("outline", "%s, strength %d of 5"), type, strength);

  set_content (d, title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  if (d->incomplete)
    self->n_incomplete--;
  d->incomplete = from == NULL || to == NULL;
  if (d->incomplete)
    self->n_incomplete++;
  g_free (d->key);
  g_free (d->key2);
  make_keys (self, d->item, &d->key, &d->key2);
}

static void
update_row (CcOutline     *self,
            GtkListBoxRow *row,
            gboolean       resort)
{
  RowData *d = cc_outline_row_data (row);

  if (cc_item_get_kind (d->item) == CC_KIND_NODE)
    update_node_row (self, d, GTK_WIDGET (row));
  else
    update_link_row (self, d, GTK_WIDGET (row));
  if (resort)
    gtk_list_box_row_changed (row);
}

static void
add_row (CcOutline *self,
         CcItem    *item)
{
  GtkWidget *row, *label;
  RowData *d;

  if (g_hash_table_contains (self->rows, item))
    return;

  /* Long names take more lines before they are cut short: both ends of a
   * link matter. */
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), cc_item_get_kind (item) == CC_KIND_NODE ? 3 : 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  row = gtk_list_box_row_new ();
  d = g_new0 (RowData, 1);
  d->item = cc_item_ref (item);
  d->label = g_object_ref_sink (label);
  g_object_set_qdata_full (G_OBJECT (row), row_quark, d, row_data_free);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  update_row (self, GTK_LIST_BOX_ROW (row), FALSE);

  g_hash_table_insert (self->rows, item, row);
  gtk_list_box_insert (self->list, row, -1);

  if (self->selection != NULL && cc_selection_contains (self->selection, item))
    {
      self->syncing = TRUE;
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      self->syncing = FALSE;
    }
}

static void
remove_row (CcOutline *self,
            CcItem    *item)
{
  GtkListBoxRow *row = find_row (self, item);
  RowData *d = cc_outline_row_data (row);

  if (row == NULL)
    return;
  if (row == self->edit_row)
    cc_outline_finish_rename (self, FALSE);
  if (row == self->type_row)
    {
      self->type_row = NULL;
      gtk_popover_popdown (GTK_POPOVER (self->type_popover));
    }
  if (d->incomplete)
    self->n_incomplete--;
  g_hash_table_remove (self->rows, item);
  /* The model's selection drops what left the project by itself. */
  self->syncing = TRUE;
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  self->syncing = FALSE;
}

static void
clear_rows (CcOutline *self)
{
  GtkListBoxRow *row;

  cc_outline_finish_rename (self, FALSE);
  self->type_row = NULL;
  gtk_popover_popdown (GTK_POPOVER (self->type_popover));
  self->syncing = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  self->syncing = FALSE;
  g_hash_table_remove_all (self->rows);
  self->n_incomplete = 0;
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
}

/* Makes the rows of up to @n pending items. */
static void
build_rows (CcOutline *self,
            guint      n)
{
  for (; n > 0 && self->pending != NULL && self->pending_index < self->pending->len; n--)
    {
      CcItem *item = self->pending->pdata[self->pending_index++];

      /* Unless it left the sheet meanwhile. */
      if (cc_item_get_parent (item) == self->sheet)
        add_row (self, item);
    }
  if (self->pending != NULL && self->pending_index >= self->pending->len)
    g_clear_pointer (&self->pending, g_ptr_array_unref);
}

static gboolean
build_idle_cb (gpointer data)
{
  CcOutline *self = data;

  build_rows (self, BUILD_CHUNK);
  if (self->pending != NULL)
    return G_SOURCE_CONTINUE;
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

/* Lists the sheet again: now when the list is on screen, else once it is. */
static void
reload (CcOutline *self)
{
  clear_rows (self);
  self->dirty = is_map (self->sheet) && !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (is_map (self->sheet) && !self->dirty)
    {
      /* In list order, so rows are added at the end: what is in view comes
       * first, and a map of thousands fills in over a few frames instead of
       * holding the window up. */
      self->pending = sorted_items (self);
      self->pending_index = 0;
      build_rows (self, BUILD_FIRST);
      if (self->pending != NULL)
        self->build_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_idle_cb, self, NULL);
      sync_from_selection (self);
    }
  update_page (self);
}

/* Updates the rows of the nodes whose ids are in @node_ids, and of the
 * links at them. */
static void
update_node_and_links (CcOutline  *self,
                       GHashTable *node_ids)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CcItem *item = key;

      if (cc_item_get_kind (item) == CC_KIND_NODE
          ? g_hash_table_contains (node_ids, cc_item_get_id (item))
          : (g_hash_table_contains (node_ids, cc_item_get_string (item, CC_LINK_FROM))
             || g_hash_table_contains (node_ids, cc_item_get_string (item, CC_LINK_TO))))
        update_row (self, value, TRUE);
    }
}

static void
item_changed (CcOutline *self,
              CcItem    *item,
              guint      field)
{
  GHashTableIter iter;
  gpointer key, value;
  GtkListBoxRow *row;

  switch (cc_item_get_kind (item))
    {
    case CC_KIND_ACTOR:
      if (field == CC_ACTOR_NAME || field == CC_ACTOR_SECTOR || field == CC_ACTOR_KIND)
        {
          g_autoptr(GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);
          const char *id = cc_item_get_id (item);

          g_hash_table_iter_init (&iter, self->rows);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (cc_item_get_kind (key) == CC_KIND_NODE
                && g_strcmp0 (cc_item_get_string (key, CC_NODE_ACTOR), id) == 0)
              g_hash_table_add (node_ids, (gpointer) cc_item_get_id (key));
          if (g_hash_table_size (node_ids) == 0)
            return;
          /* Only the name shows in the links' rows. */
          if (field == CC_ACTOR_NAME)
            update_node_and_links (self, node_ids);
          else
            {
              g_hash_table_iter_init (&iter, self->rows);
              while (g_hash_table_iter_next (&iter, &key, &value))
                if (cc_item_get_kind (key) == CC_KIND_NODE
                    && g_hash_table_contains (node_ids, cc_item_get_id (key)))
                  update_row (self, value, FALSE);
            }
        }
      break;

    case CC_KIND_NODE:
      /* Moves are the commonest change of all, and show nowhere here. */
      if (field == CC_NODE_ACTOR && find_row (self, item) != NULL)
        {
          g_autoptr(GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);

          g_hash_table_add (node_ids, (gpointer) cc_item_get_id (item));
          update_node_and_links (self, node_ids);
        }
      break;

    case CC_KIND_LINK:
      row = find_row (self, item);
      if (row != NULL && (field == CC_LINK_FROM || field == CC_LINK_TO || field == CC_LINK_TYPE
                          || field == CC_LINK_STRENGTH || field == CC_LINK_DIRECTED))
        update_row (self, row, field == CC_LINK_FROM || field == CC_LINK_TO);
      break;

    case CC_KIND_LINK_TYPE:
      if (field == CC_LINK_TYPE_LABEL || field == CC_LINK_TYPE_DIRECTED)
        {
          const char *id = cc_item_get_id (item);

          g_hash_table_iter_init (&iter, self->rows);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (cc_item_get_kind (key) == CC_KIND_LINK
                && g_strcmp0 (cc_item_get_string (key, CC_LINK_TYPE), id) == 0)
              update_row (self, value, FALSE);
        }
      break;

    default:
      break;
    }
}

/* Links whose ends were missing, now that a node came. */
static void
complete_links (CcOutline *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (self->n_incomplete > 0 && g_hash_table_iter_next (&iter, &key, &value))
    if (cc_outline_row_data (value)->incomplete)
      update_row (self, value, TRUE);
}

/* Callbacks */

static void
selected_rows_changed_cb (CcOutline *self)
{
  g_autoptr(GPtrArray) items = NULL;
  GList *selected;
  GPtrArray *before;

  if (self->syncing || self->dirty || self->selection == NULL
      || cc_selection_get_sheet (self->selection) != self->sheet)
    return;

  /* In the order they were chosen: those selected already first. */
  items = g_ptr_array_new ();
  selected = gtk_list_box_get_selected_rows (self->list);
  before = cc_selection_get_items (self->selection);
  for (guint i = 0; i < before->len; i++)
    {
      GtkListBoxRow *row = find_row (self, before->pdata[i]);

      if (row != NULL && gtk_list_box_row_is_selected (row))
        g_ptr_array_add (items, before->pdata[i]);
    }
  for (GList *l = selected; l != NULL; l = l->next)
    {
      RowData *d = cc_outline_row_data (l->data);

      if (d != NULL && !g_ptr_array_find (items, d->item, NULL))
        g_ptr_array_add (items, d->item);
    }
  g_list_free (selected);

  self->syncing = TRUE;
  cc_selection_set_items (self->selection, items);
  self->syncing = FALSE;

  if (items->len == 1)
    g_signal_emit (self, cc_outline_signals[SIGNAL_SHOW_ITEM], 0, items->pdata[0]);
}

/* The whole name, when the row had to cut it short. */
static gboolean
query_tooltip_cb (GtkWidget  *list,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  CcOutline  *self)
{
  GtkListBoxRow *row = keyboard_mode ? cc_outline_focus_row (self) : gtk_list_box_get_row_at_y (self->list, y);
  RowData *d = cc_outline_row_data (row);

  if (d == NULL || gtk_list_box_row_get_child (row) != d->label
      || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (d->label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, d->title);
  return TRUE;
}

static void
row_activated_cb (CcOutline     *self,
                  GtkListBoxRow *row)
{
  cc_outline_start_edit (self, row);
}

static void
project_changed_cb (CcOutline *self,
                    CcChange  *change)
{
  if (!is_map (self->sheet))
    return;

  if (change->type == CC_CHANGE_REMOVE && change->item == self->sheet)
    {
      /* The sheet itself went: nothing to list until another is chosen. */
      g_clear_pointer (&self->sheet, cc_item_unref);
      reload (self);
      return;
    }
  if (self->dirty)
    return;

  switch (change->type)
    {
    case CC_CHANGE_SET:
      item_changed (self, change->item, change->field);
      break;

    case CC_CHANGE_INSERT:
      if (change->parent == self->sheet
          && (change->slot == CC_MAP_NODES || change->slot == CC_MAP_LINKS))
        {
          add_row (self, change->item);
          if (change->slot == CC_MAP_NODES && self->n_incomplete > 0)
            complete_links (self);
          schedule_headers (self);
          update_page (self);
        }
      break;

    case CC_CHANGE_REMOVE:
      if (change->parent == self->sheet
          && (change->slot == CC_MAP_NODES || change->slot == CC_MAP_LINKS))
        {
          remove_row (self, change->item);
          schedule_headers (self);
          update_page (self);
        }
      break;

    case CC_CHANGE_MOVE:
    default:
      break;
    }
}

static void
set_project (CcOutline *self,
             CcProject *project)
{
  if (project == self->project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Follows the selection to its project and sheet, and selects its rows. */
static void
follow_selection (CcOutline *self)
{
  CcProject *project = self->selection != NULL ? cc_selection_get_project (self->selection) : NULL;
  CcItem *sheet = self->selection != NULL ? cc_selection_get_sheet (self->selection) : NULL;

  if (project == NULL)
    sheet = NULL;
  if (project != self->project || sheet != self->sheet)
    {
      cc_outline_finish_rename (self, FALSE);
      set_project (self, project);
      if (sheet != NULL)
        cc_item_ref (sheet);
      g_clear_pointer (&self->sheet, cc_item_unref);
      self->sheet = sheet;
      reload (self);
      return;
    }
  if (!self->syncing)
    sync_from_selection (self);
}

static void
selection_changed_cb (CcOutline *self)
{
  follow_selection (self);
}

static gboolean
focus_idle_cb (gpointer data)
{
  CcOutline *self = data;

  if (self->focus_on_map && gtk_widget_get_mapped (GTK_WIDGET (self)))
    cc_outline_grab_focus (self);
  return G_SOURCE_REMOVE;
}

/* Virtual functions */

static void
cc_outline_map (GtkWidget *widget)
{
  CcOutline *self = CC_OUTLINE (widget);

  GTK_WIDGET_CLASS (cc_outline_parent_class)->map (widget);
  /* Rows are built only for a list someone can see. */
  if (self->dirty)
    reload (self);
  if (self->focus_on_map)
    g_idle_add_full (G_PRIORITY_DEFAULT, focus_idle_cb, g_object_ref (self), g_object_unref);
}

static void
cc_outline_dispose (GObject *object)
{
  CcOutline *self = CC_OUTLINE (object);

  g_clear_handle_id (&self->headers_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  set_project (self, NULL);
  self->edit_row = NULL;
  self->edit_entry = NULL;
  self->type_row = NULL;
  g_clear_pointer (&self->type_popover, gtk_widget_unparent);
  g_clear_pointer (&self->sheet, cc_item_unref);
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_OUTLINE);

  G_OBJECT_CLASS (cc_outline_parent_class)->dispose (object);
}

static void
cc_outline_finalize (GObject *object)
{
  CcOutline *self = CC_OUTLINE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->row_actions);

  G_OBJECT_CLASS (cc_outline_parent_class)->finalize (object);
}

static void
cc_outline_class_init (CcOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const type_keys[] = { "informal", "strategic", "statutory", "delivery" };

  object_class->dispose = cc_outline_dispose;
  object_class->finalize = cc_outline_finalize;
  widget_class->map = cc_outline_map;

  row_quark = g_quark_from_static_string ("cc-outline-row");

  /**
   * CcOutline::show-item:
   * @item: the node or link chosen
   *
   * Emitted when the user chooses one item in the list.
   */
  cc_outline_signals[SIGNAL_SHOW_ITEM] = g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * CcOutline::deleted:
   * @message: what was deleted, to tell the user
   *
   * Emitted after the user deleted items from the list.
   */
  cc_outline_signals[SIGNAL_DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/cc-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, CcOutline, stack);
  gtk_widget_class_bind_template_child (widget_class, CcOutline, scroller);
  gtk_widget_class_bind_template_child (widget_class, CcOutline, list);
  gtk_widget_class_bind_template_callback (widget_class, selected_rows_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  /* Enter (the list's own activation) and double-click edit too. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, cc_outline_edit_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, cc_outline_delete_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, cc_outline_delete_key_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (type_keys); i++)
    {
      gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, 0, cc_outline_link_type_key_cb, "s", type_keys[i]);
      gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_1 + i, 0, cc_outline_link_type_key_cb, "s", type_keys[i]);
    }

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cc_outline_init (CcOutline *self)
{
  g_autoptr(GSimpleAction) link_type = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The list would take Ctrl+Page Up/Down for itself: they go to the next
   * and previous sheets, as everywhere else in the window. */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.next-sheet")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.previous-sheet")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->rows = g_hash_table_new (NULL, NULL);
  gtk_list_box_set_sort_func (self->list, sort_rows, NULL, NULL);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->list), TRUE);
  g_signal_connect_object (self->list, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, 0);

  self->row_actions = g_simple_action_group_new ();
  link_type = g_simple_action_new_stateful ("link-type", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect_object (link_type, "change-state", G_CALLBACK (cc_outline_link_type_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->row_actions), G_ACTION (link_type));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "outline-row", G_ACTION_GROUP (self->row_actions));

  self->type_popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_position (GTK_POPOVER (self->type_popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->type_popover, GTK_WIDGET (self));
  g_signal_connect_object (self->type_popover, "closed", G_CALLBACK (cc_outline_type_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);

  update_page (self);
}

/* Public API */

GtkWidget *
cc_outline_new (void)
{
  return g_object_new (CC_TYPE_OUTLINE, NULL);
}

void
cc_outline_set_selection (CcOutline   *self,
                          CcSelection *selection)
{
  g_return_if_fail (CC_IS_OUTLINE (self));
  g_return_if_fail (selection == NULL || CC_IS_SELECTION (selection));

  if (selection == self->selection)
    return;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self,
                             G_CONNECT_SWAPPED);
  follow_selection (self);
}

CcSelection *
cc_outline_get_selection (CcOutline *self)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return self->selection;
}

gboolean
cc_outline_grab_focus (CcOutline *self)
{
  GtkListBoxRow *row = NULL;
  GList *selected;

  g_return_val_if_fail (CC_IS_OUTLINE (self), FALSE);

  /* Not on screen yet (a panel about to slide in): once it is. */
  self->focus_on_map = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->focus_on_map)
    return FALSE;
  if (self->dirty)
    reload (self);
  selected = gtk_list_box_get_selected_rows (self->list);
  for (GList *l = selected; l != NULL; l = l->next)
    if (row == NULL || gtk_list_box_row_get_index (l->data) < gtk_list_box_row_get_index (row))
      row = l->data;
  g_list_free (selected);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* For tests */

GtkListBox *
cc_outline_get_list (CcOutline *self)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return self->list;
}

CcItem *
cc_outline_row_get_item (GtkListBoxRow *row)
{
  RowData *d = cc_outline_row_data (row);

  return d != NULL ? d->item : NULL;
}

GtkListBoxRow *
cc_outline_find_row (CcOutline *self,
                     CcItem    *item)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return find_row (self, item);
}

GtkEditable *
cc_outline_get_entry (CcOutline *self)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return self->edit_entry != NULL ? GTK_EDITABLE (self->edit_entry) : NULL;
}

GtkPopover *
cc_outline_get_type_popover (CcOutline *self)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return GTK_POPOVER (self->type_popover);
}

const char *
cc_outline_get_page (CcOutline *self)
{
  g_return_val_if_fail (CC_IS_OUTLINE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
