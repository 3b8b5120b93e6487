/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-save"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cc-io.h"
#include "cc-json.h"

/* The writer makes the pretty text of a file, or the compact text of an
 * autosave snapshot. A snapshot is made of pieces: each organisation, node,
 * link, force or card keeps the text it was last written as (the model
 * forgets it when the item changes), so a snapshot after a few edits writes
 * only what changed and the rest is references to kept pieces. */
typedef struct
{
  GString   *out;
  gboolean   compact;
  GPtrArray *pieces;    /* compact: GBytes, the text before out's */
  GPtrArray *segments;  /* compact, at the top: arrays of pieces, before those */
  gboolean   dry;       /* compact: only make the kept texts */
  gint64     deadline;  /* stop making texts at this monotonic time (0: never) */
  guint      made;      /* texts made (at least one a call, however late) */
  gboolean   late;      /* stopped */
} Writer;

#define WRITER_PRETTY(out)  { (out), FALSE, NULL, NULL, FALSE, 0, 0, FALSE }
#define WRITER_TEXT(out)    { (out), TRUE, NULL, NULL, FALSE, 0, 0, FALSE }

static void write_item (Writer *w, CcItem *item, gint64 version, guint level);

static void
new_line (Writer *w, guint level)
{
  if (w->compact)
    return;
  g_string_append_c (w->out, '\n');
  cc_json_write_indent (w->out, level);
}

static void
begin_member (Writer *w, gboolean *first, guint level, const char *name)
{
  if (!*first)
    g_string_append_c (w->out, ',');
  *first = FALSE;
  new_line (w, level);
  cc_json_write_string (w->out, name);
  g_string_append (w->out, w->compact ? ":" : ": ");
}

static void
write_strv (Writer *w, const char * const *strv)
{
  g_string_append_c (w->out, '[');
  for (guint i = 0; strv[i]; i++)
    {
      if (i > 0)
        g_string_append (w->out, w->compact ? "," : ", ");
      cc_json_write_string (w->out, strv[i]);
    }
  g_string_append_c (w->out, ']');
}

static void
write_value (Writer *w, const CcFieldInfo *field, const CcValue *value)
{
  GString *out = w->out;

  switch (field->type)
    {
    case CC_VT_STRING:
    case CC_VT_COLOR:
    case CC_VT_DATETIME:
    case CC_VT_DATE:
    case CC_VT_REF:
      cc_json_write_string (out, value->s);
      break;
    case CC_VT_STRV:
    case CC_VT_REFS:
      write_strv (w, (const char * const *) value->v);
      break;
    case CC_VT_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, value->i);
      break;
    case CC_VT_BOOL:
      g_string_append (out, value->i ? "true" : "false");
      break;
    case CC_VT_ENUM:
      cc_json_write_string (out, field->enum_values[value->i]);
      break;
    case CC_VT_DOUBLE:
      /* The reader knows these are numbers: whole values need no ".0". */
      if (value->d == floor (value->d) && fabs (value->d) < 1e15)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value->d);
      else
        cc_json_write_double (out, value->d);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Items that keep their text: all but the project and its sheets, whose
 * text is most of the file and changes with any edit. */
static gboolean
keeps_text (CcItem *item)
{
  CcKind kind = cc_item_get_kind (item);

  return kind != CC_KIND_PROJECT && !cc_kind_is_sheet (kind);
}

static void
flush_pieces (Writer *w)
{
  static GBytes *comma;

  if (w->pieces == NULL || w->out->len == 0)
    return;
  /* Most pieces between kept texts are the comma between two items */
  if (w->out->len == 1 && w->out->str[0] == ',')
    {
      if (g_once_init_enter (&comma))
        g_once_init_leave (&comma, g_bytes_new_static (",", 1));
      g_ptr_array_add (w->pieces, g_bytes_ref (comma));
    }
  else
    g_ptr_array_add (w->pieces, g_bytes_new (w->out->str, w->out->len));
  g_string_truncate (w->out, 0);
}

static GPtrArray *
new_pieces (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

/* The pieces so far become a segment of the snapshot, before @segment */
static void
add_segment (Writer *w, GPtrArray *segment)
{
  flush_pieces (w);
  if (w->pieces->len > 0)
    {
      g_ptr_array_add (w->segments, w->pieces);
      w->pieces = new_pieces ();
    }
  if (segment != NULL)
    g_ptr_array_add (w->segments, g_ptr_array_ref (segment));
}

static void
write_child (Writer *w, CcItem *child, gint64 version, guint level)
{
  GBytes *text;

  if (!w->compact || !keeps_text (child))
    {
      write_item (w, child, version, level);
      return;
    }
  text = cc_item_get_text (child);
  if (text == NULL)
    {
      Writer sub = WRITER_TEXT (g_string_new (NULL));
      g_autoptr(GBytes) made = NULL;

      if (w->deadline > 0 && w->made > 0 && g_get_monotonic_time () > w->deadline)
        {
          w->late = TRUE;
          return;
        }
      w->made++;
      write_item (&sub, child, version, level);
      made = g_string_free_to_bytes (sub.out);
      cc_item_set_text (child, made);
      text = made;
    }
  if (w->dry)
    return;
  if (w->pieces == NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (text, &len);

      g_string_append_len (w->out, data, (gssize) len);
      return;
    }
  flush_pieces (w);
  g_ptr_array_add (w->pieces, g_bytes_ref (text));
}

static void write_array (Writer *w, CcItem *item, guint slot, gint64 version, guint level);

/* The arrays of the project and its sheets keep their pieces too, so a
 * snapshot after an edit to one organisation gathers the organisations again
 * and refers to every other array as it was. */
static void
write_children (Writer *w, CcItem *item, guint slot, gint64 version, guint level)
{
  GPtrArray *children = cc_item_get_children (item, slot);
  GPtrArray *kept;

  if (!w->compact || keeps_text (item) || (w->segments == NULL && !w->dry))
    {
      write_array (w, item, slot, version, level);
      return;
    }
  for (guint i = 0; i < children->len; i++)
    if (!keeps_text (children->pdata[i]))
      {
        /* The sheets: each keeps its own arrays */
        write_array (w, item, slot, version, level);
        return;
      }
  kept = cc_item_get_slot_text (item, slot);
  if (kept == NULL)
    {
      Writer sub = WRITER_TEXT (g_string_new (NULL));
      g_autoptr(GPtrArray) pieces = new_pieces ();

      sub.pieces = pieces;
      sub.deadline = w->deadline;
      sub.made = w->made;
      write_array (&sub, item, slot, version, level);
      flush_pieces (&sub);
      g_string_free (sub.out, TRUE);
      w->made = sub.made;
      if (sub.late)
        {
          w->late = TRUE;
          return;
        }
      cc_item_set_slot_text (item, slot, pieces);
      kept = pieces;
    }
  if (!w->dry)
    add_segment (w, kept);
}

static void
write_array (Writer *w, CcItem *item, guint slot, gint64 version, guint level)
{
  GPtrArray *children = cc_item_get_children (item, slot);

  if (children->len == 0)
    {
      g_string_append (w->out, "[]");
      return;
    }
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < children->len && !w->late; i++)
    {
      if (i > 0)
        g_string_append_c (w->out, ',');
      new_line (w, level + 1);
      write_child (w, children->pdata[i], version, level + 1);
    }
  new_line (w, level);
  g_string_append_c (w->out, ']');
}

static void
write_item (Writer *w, CcItem *item, gint64 version, guint level)
{
  const CcKindInfo *info = cc_item_get_info (item);
  GBytes *extra = cc_item_get_extra (item);
  GString *out = w->out;
  gboolean first = TRUE;

  g_string_append_c (out, '{');

  if (info->kind == CC_KIND_PROJECT)
    {
      begin_member (w, &first, level + 1, "format");
      cc_json_write_string (out, CC_FORMAT_NAME);
      begin_member (w, &first, level + 1, "version");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, version);
    }
  if (info->id_prefix != NULL)
    {
      begin_member (w, &first, level + 1, "id");
      cc_json_write_string (out, cc_item_get_id (item));
    }
  if (info->type_tag != NULL)
    {
      begin_member (w, &first, level + 1, "type");
      cc_json_write_string (out, info->type_tag);
    }
  /* A newer Concord's sheet says its type where every sheet does. */
  if (info->kind == CC_KIND_NEWER_SHEET)
    {
      begin_member (w, &first, level + 1, "type");
      cc_json_write_string (out, cc_item_get_string (item, CC_NEWER_SHEET_TYPE));
    }
  for (guint i = 0; i < info->n_fields; i++)
    {
      const CcFieldInfo *field = &info->fields[i];

      if (info->kind == CC_KIND_NEWER_SHEET && i == CC_NEWER_SHEET_TYPE)
        continue;
      if (!(field->flags & CC_FIELD_REQUIRED) && cc_item_value_is_default (item, i))
        continue;
      begin_member (w, &first, level + 1, field->name);
      write_value (w, field, cc_item_get_value (item, i));
    }
  for (guint i = 0; i < info->n_slots && !w->late; i++)
    {
      if (info->slots[i].omit_empty && cc_item_get_n_children (item, i) == 0)
        continue;
      begin_member (w, &first, level + 1, info->slots[i].name);
      if (info->slots[i].is_object)
        write_child (w, cc_item_get_child (item, i, 0), version, level + 1);
      else
        write_children (w, item, i, version, level + 1);
    }
  if (extra != NULL)
    {
      gsize len;
      const char *p = g_bytes_get_data (extra, &len), *end = p + len;
      const char *name, *value;
      gsize name_len, value_len;

      if (w->compact)
        {
          if (!first)
            g_string_append_c (out, ',');
          g_string_append_len (out, p, (gssize) len);
          first = FALSE;
        }
      else
        while (cc_json_compact_next_member (&p, end, &name, &name_len, &value, &value_len))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            new_line (w, level + 1);
            g_string_append_len (out, name, (gssize) name_len);
            g_string_append_len (out, ": ", 2);
            cc_json_write_compact (out, value, value_len, level + 1);
          }
    }

  if (!first)
    new_line (w, level);
  g_string_append_c (out, '}');
}

GBytes *
cc_project_serialize (CcProject *project)
{
  Writer w = WRITER_PRETTY (g_string_sized_new (64 * 1024));

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  write_item (&w, cc_project_get_root (project), cc_project_get_format_version (project), 0);
  g_string_append_c (w.out, '\n');
  return g_string_free_to_bytes (w.out);
}

gboolean
cc_project_prepare_snapshot (CcProject *project, gint64 budget_us)
{
  Writer w = WRITER_TEXT (g_string_new (NULL));

  g_return_val_if_fail (CC_IS_PROJECT (project), FALSE);

  w.dry = TRUE;
  if (budget_us > 0)
    w.deadline = g_get_monotonic_time () + budget_us;
  write_item (&w, cc_project_get_root (project), cc_project_get_format_version (project), 0);
  g_string_free (w.out, TRUE);
  return !w.late;
}

GPtrArray *
cc_project_snapshot (CcProject *project)
{
  Writer w = WRITER_TEXT (g_string_new (NULL));

  g_return_val_if_fail (CC_IS_PROJECT (project), NULL);

  w.pieces = new_pieces ();
  w.segments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  write_item (&w, cc_project_get_root (project), cc_project_get_format_version (project), 0);
  g_string_append_c (w.out, '\n');
  add_segment (&w, NULL);
  g_ptr_array_unref (w.pieces);
  g_string_free (w.out, TRUE);
  return w.segments;
}

GBytes *
cc_snapshot_join (GPtrArray *segments)
{
  gsize total = 0;
  char *data, *p;

  g_return_val_if_fail (segments != NULL, NULL);

  for (guint s = 0; s < segments->len; s++)
    {
      GPtrArray *pieces = segments->pdata[s];

      for (guint i = 0; i < pieces->len; i++)
        total += g_bytes_get_size (pieces->pdata[i]);
    }
  p = data = g_malloc (total + 1);
  for (guint s = 0; s < segments->len; s++)
    {
      GPtrArray *pieces = segments->pdata[s];

      for (guint i = 0; i < pieces->len; i++)
        {
          gsize len;
          const char *piece = g_bytes_get_data (pieces->pdata[i], &len);

          if (len > 0)
            memcpy (p, piece, len);
          p += len;
        }
    }
  *p = '\0';
  return g_bytes_new_take (data, total);
}

gboolean
cc_project_write_file (CcProject *project, GFile *file, GError **error)
{
  g_autoptr(GBytes) bytes = cc_project_serialize (project);

  return cc_write_file_atomic (file, bytes, error);
}

gboolean
cc_project_save (CcProject *project, GFile *file, GError **error)
{
  CcItem *meta = cc_project_get_meta (project);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *old_modified = g_strdup (cc_item_get_string (meta, CC_META_MODIFIED));
  gboolean stamped_created = FALSE;

  /* The time stamps describe the file, not an edit: they are not undoable. */
  if (cc_item_get_string (meta, CC_META_CREATED)[0] == '\0')
    {
      cc_item_set_string (meta, CC_META_CREATED, stamp);
      stamped_created = TRUE;
    }
  cc_item_set_string (meta, CC_META_MODIFIED, stamp);

  if (!cc_project_write_file (project, file, error))
    {
      cc_item_set_string (meta, CC_META_MODIFIED, old_modified);
      if (stamped_created)
        cc_item_set_string (meta, CC_META_CREATED, "");
      return FALSE;
    }
  cc_project_set_modified (project, FALSE);
  return TRUE;
}
