/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-force-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cc-data-files.h"
#include "cc-force-library.h"
#include "cc-map-edit.h"
#include "cc-io.h"
#include "cc-json.h"
#include "cc-read-file.h"
#include "cc-model-resources.h"

/* Where the shipped files are compiled in (src/model/cc-model.gresource.xml). */
#define FORCES_RESOURCE_PATH APP_PATH "/forces/"

#define MAX_FILE_SIZE  (4 * 1024 * 1024)
#define MAX_DEPTH      32
#define MAX_ID         64
#define MAX_TITLE      200
#define MAX_FORCES     10000
#define MAX_TAGS       16
#define MAX_TAG        32
#define USER_ID_PREFIX "user-"
#define USER_SLUG_MAX  40

/* An entry: the public part first, so a CcForceEntry* is an Entry*. */
typedef struct
{
  CcForceEntry     pub;
  gatomicrefcount  ref_count;
  char            *search_text;  /* folded label, description and tags, one per line */
  char            *sort_key;     /* collation key of the folded label */
  JsonObject      *extra;        /* members this version does not know, in file order; or NULL */
} Entry;

/* What reading one file gave. */
typedef struct
{
  const char *name;      /* base name, for the problems */
  gboolean    user;
  GHashTable *taken;     /* id → Entry*, every id in the library; accepted ids are added */
  GPtrArray  *entries;   /* out: Entry*, in file order */
  GPtrArray  *problems;  /* out: char* */
  guint       n_problems;
  char       *title;     /* out: the file's title, or NULL */
  JsonObject *extra;     /* out: unknown top-level members, or NULL */
} Reader;

struct _CcForceLibrary
{
  GObject     parent_instance;

  GPtrArray  *shipped;        /* Entry* (refs), in load order */
  GPtrArray  *user;           /* Entry* (refs), in the user file's order */
  GPtrArray  *entries;        /* Entry* (refs), both, sorted by label */
  GHashTable *ids;            /* id → Entry*, both (borrowed from the arrays) */

  GPtrArray  *problems;       /* char*: shipped files' */
  GPtrArray  *user_problems;  /* char*: the user file's, as last read */
  GPtrArray  *user_notes;     /* char*: files moved aside; kept for the session */
  GPtrArray  *all_problems;   /* char* (borrowed): the three above, rebuilt on demand */

  char       *user_path;
  char       *user_title;     /* the user file's title, kept when it is rewritten */
  JsonObject *user_extra;     /* its unknown top-level members, kept too */
  gboolean    user_complete;  /* the user file was read without a problem (or is absent) */
};

G_DEFINE_FINAL_TYPE (CcForceLibrary, cc_force_library, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const side_names[] = { "driving", "resisting", NULL };

G_DEFINE_QUARK (cc-force-library-error-quark, cc_force_library_error)

/* Entries */

static Entry *
entry_new (void)
{
  Entry *e = g_new0 (Entry, 1);

  g_atomic_ref_count_init (&e->ref_count);
  e->pub.strength = 3;
  return e;
}

CcForceEntry *
cc_force_entry_ref (CcForceEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_atomic_ref_count_inc (&((Entry *) entry)->ref_count);
  return entry;
}

void
cc_force_entry_unref (CcForceEntry *entry)
{
  Entry *e = (Entry *) entry;

  g_return_if_fail (entry != NULL);
  if (!g_atomic_ref_count_dec (&e->ref_count))
    return;
  g_free (e->pub.id);
  g_free (e->pub.label);
  g_free (e->pub.description);
  g_strfreev (e->pub.tags);
  g_free (e->pub.source);
  g_free (e->search_text);
  g_free (e->sort_key);
  g_clear_pointer (&e->extra, json_object_unref);
  g_free (e);
}

G_DEFINE_BOXED_TYPE (CcForceEntry, cc_force_entry, cc_force_entry_ref, cc_force_entry_unref)

/* Fills in the search text and the sort key from the public fields. */
static void
entry_index (Entry *e)
{
  g_autofree char *label = cc_fold_for_matching (e->pub.label);
  g_autofree char *description = cc_fold_for_matching (e->pub.description);
  g_autofree char *joined = g_strjoinv (" ", e->pub.tags);
  g_autofree char *tags = cc_fold_for_matching (joined);

  g_free (e->search_text);
  e->search_text = g_strjoin ("\n", label, description, tags, NULL);
  g_free (e->sort_key);
  e->sort_key = g_utf8_collate_key (label, -1);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *p = *(const Entry * const *) a;
  const Entry *q = *(const Entry * const *) b;
  int c = strcmp (p->sort_key, q->sort_key);

  return c != 0 ? c : strcmp (p->pub.id, q->pub.id);
}

/* Helpers */

static void G_GNUC_PRINTF (3, 4)
add_problem (GPtrArray *problems, const char *name, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", name, message));
}

/* A problem of @r's file at @path ("forces[3].strength"), or of the whole
 * file when @path is NULL. */
static void G_GNUC_PRINTF (3, 4)
report (Reader *r, const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->n_problems++;
  if (path != NULL)
    g_ptr_array_add (r->problems, g_strdup_printf ("%s: %s: %s", r->name, path, message));
  else
    g_ptr_array_add (r->problems, g_strdup_printf ("%s: %s", r->name, message));
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* Lower-case ASCII letters and digits in words joined by single hyphens. */
static gboolean
is_word_id (const char *s, gsize max)
{
  gsize len = strlen (s);

  if (len == 0 || len > max || s[0] == '-' || s[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (c == '-' && s[i + 1] == '-')
        return FALSE;
      if (!(c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_control (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_blank (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Reading a file */

static gboolean
known_entry_member (const char *name)
{
  static const char * const known[] = { "id", "label", "description", "side", "strength", "tags", NULL };

  return g_strv_contains (known, name);
}

static gboolean
read_tags (Reader *r, const char *path, JsonNode *node, Entry *e)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (r, path, _("expected a list of words, found %s"), cc_json_node_type_name (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_TAGS)
    {
      report (r, path, _("%u tags are more than the limit of %d"), json_array_get_length (array), MAX_TAGS);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);
      g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);
      const char *s;

      if (!is_string (tag))
        {
          report (r, at, _("expected a string, found %s"), cc_json_node_type_name (tag));
          ok = FALSE;
          continue;
        }
      s = json_node_get_string (tag);
      if (!is_word_id (s, MAX_TAG))
        {
          report (r, at, _("“%s” is not a tag (lower-case letters and digits, words joined by hyphens, at most %d)"),
                  s, MAX_TAG);
          ok = FALSE;
          continue;
        }
      for (guint j = 0; j < tags->len; j++)
        if (g_str_equal (tags->pdata[j], s))
          {
            report (r, at, _("“%s” is listed twice"), s);
            ok = FALSE;
            break;
          }
      if (ok)
        g_ptr_array_add (tags, g_strdup (s));
    }
  if (!ok)
    return FALSE;
  g_ptr_array_add (tags, NULL);
  g_strfreev (e->pub.tags);
  e->pub.tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
  return TRUE;
}

/* Reads forces[@index]. Every problem is reported; the entry is returned only
 * when it has none. */
static Entry *
read_entry (Reader *r, guint index, JsonNode *node)
{
  g_autofree char *base = g_strdup_printf ("forces[%u]", index);
  Entry *e;
  JsonObject *object;
  JsonNode *member;
  guint before = r->n_problems;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (r, base, _("expected an object, found %s"), cc_json_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);
  e = entry_new ();
  e->pub.user = r->user;
  e->pub.source = g_strdup (r->name);
  e->pub.tags = g_new0 (char *, 1);

  /* id */
  member = json_object_get_member (object, "id");
  {
    g_autofree char *path = g_strconcat (base, ".id", NULL);

    if (member == NULL)
      report (r, path, _("missing: every force needs an id"));
    else if (!is_string (member))
      report (r, path, _("expected a string, found %s"), cc_json_node_type_name (member));
    else if (!is_word_id (json_node_get_string (member), MAX_ID))
      report (r, path, _("“%s” is not an id (lower-case letters and digits, words joined by hyphens, at most %d)"),
              json_node_get_string (member), MAX_ID);
    else
      e->pub.id = g_strdup (json_node_get_string (member));
  }

  /* label */
  member = json_object_get_member (object, "label");
  {
    g_autofree char *path = g_strconcat (base, ".label", NULL);

    if (member == NULL)
      report (r, path, _("missing: every force needs a label"));
    else if (!is_string (member))
      report (r, path, _("expected a string, found %s"), cc_json_node_type_name (member));
    else
      {
        const char *s = json_node_get_string (member);
        glong len = g_utf8_strlen (s, -1);

        if (is_blank (s))
          report (r, path, _("is empty"));
        else if (len > CC_FORCE_LABEL_MAX)
          report (r, path, _("%ld characters are more than the limit of %d"), len, CC_FORCE_LABEL_MAX);
        else if (has_control (s))
          report (r, path, _("contains a line break or another control character"));
        else
          e->pub.label = g_strdup (s);
      }
  }

  /* description */
  member = json_object_get_member (object, "description");
  {
    g_autofree char *path = g_strconcat (base, ".description", NULL);

    if (member == NULL)
      e->pub.description = g_strdup ("");
    else if (!is_string (member))
      report (r, path, _("expected a string, found %s"), cc_json_node_type_name (member));
    else
      {
        const char *s = json_node_get_string (member);
        glong len = g_utf8_strlen (s, -1);

        if (len > CC_FORCE_DESCRIPTION_MAX)
          report (r, path, _("%ld characters are more than the limit of %d"), len, CC_FORCE_DESCRIPTION_MAX);
        else
          e->pub.description = g_strdup (s);
      }
  }

  /* side */
  member = json_object_get_member (object, "side");
  {
    g_autofree char *path = g_strconcat (base, ".side", NULL);

    if (member == NULL)
      report (r, path, _("missing: say whether the force is usually driving or resisting"));
    else if (!is_string (member))
      report (r, path, _("expected “driving” or “resisting”, found %s"), cc_json_node_type_name (member));
    else if (g_str_equal (json_node_get_string (member), "driving"))
      e->pub.side = CC_SIDE_DRIVING;
    else if (g_str_equal (json_node_get_string (member), "resisting"))
      e->pub.side = CC_SIDE_RESISTING;
    else
      report (r, path, _("expected “driving” or “resisting”, found “%s”"), json_node_get_string (member));
  }

  /* strength */
  member = json_object_get_member (object, "strength");
  if (member != NULL)
    {
      g_autofree char *path = g_strconcat (base, ".strength", NULL);

      if (!is_number (member))
        report (r, path, _("expected a whole number from 1 to 5, found %s"), cc_json_node_type_name (member));
      else
        {
          gboolean is_int = json_node_get_value_type (member) == G_TYPE_INT64;
          double d = is_int ? (double) json_node_get_int (member) : json_node_get_double (member);
          g_autoptr(GString) text = g_string_new (NULL);

          if (is_int)
            g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (member));
          else
            cc_json_write_double (text, d);
          if (d != floor (d))
            report (r, path, _("expected a whole number from 1 to 5, found %s"), text->str);
          else if (d < 1 || d > 5)
            report (r, path, _("%s is out of range (1 to 5)"), text->str);
          else
            e->pub.strength = (int) d;
        }
    }

  /* tags */
  member = json_object_get_member (object, "tags");
  if (member != NULL)
    {
      g_autofree char *path = g_strconcat (base, ".tags", NULL);

      read_tags (r, path, member, e);
    }

  /* Members this version does not know: kept, to be written back. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (known_entry_member (l->data))
        continue;
      if (e->extra == NULL)
        e->extra = json_object_new ();
      json_object_set_member (e->extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }

  /* A repeated id: the later force is the one left out. */
  if (r->n_problems == before)
    {
      Entry *other = g_hash_table_lookup (r->taken, e->pub.id);

      if (other != NULL)
        {
          g_autofree char *path = g_strconcat (base, ".id", NULL);

          if (g_ptr_array_find (r->entries, other, NULL))
            report (r, path, _("“%s” is already used by another force in this file"), e->pub.id);
          else
            report (r, path, _("“%s” is already used by a force in %s"), e->pub.id, other->pub.source);
        }
    }

  if (r->n_problems != before)
    {
      cc_force_entry_unref (&e->pub);
      return NULL;
    }
  entry_index (e);
  g_hash_table_insert (r->taken, e->pub.id, e);
  return e;
}

/* Reads a whole file. Returns TRUE when it was read without a problem. */
static gboolean
read_file (Reader *r, const char *data, gsize len)
{
  CcJsonLimits limits = { MAX_DEPTH, 64 * 1024, MAX_FILE_SIZE };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *forces;
  guint before = r->n_problems;

  if (len > MAX_FILE_SIZE)
    {
      report (r, NULL, _("the file is larger than the limit of %d MiB"), MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  cc_json_skip_bom (&data, &len);   /* as Windows Notepad writes */
  root = cc_json_parse (data, len, &limits, NULL, NULL, &error);
  if (root == NULL)
    {
      /* The message starts "line L, column C: ". */
      report (r, NULL, "%s", error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report (r, NULL, _("not a force library: expected an object, found %s"), cc_json_node_type_name (root));
      return FALSE;
    }
  object = json_node_get_object (root);

  member = json_object_get_member (object, "format");
  if (member == NULL || !is_string (member) || !g_str_equal (json_node_get_string (member), CC_FORCE_LIBRARY_FORMAT))
    {
      report (r, "format", _("not a force library: “format” must be “%s”"), CC_FORCE_LIBRARY_FORMAT);
      return FALSE;
    }

  member = json_object_get_member (object, "version");
  if (member == NULL)
    {
      report (r, "version", _("missing: the file does not say its format version"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) < 1)
    {
      report (r, "version", _("the format version must be a whole number from 1"));
      return FALSE;
    }
  if (json_node_get_int (member) > CC_FORCE_LIBRARY_VERSION)
    report (r, "version",
            _("made by a newer Concord (format %" G_GINT64_FORMAT "; this version reads %d): "
              "forces it cannot read are left out"),
            json_node_get_int (member), CC_FORCE_LIBRARY_VERSION);

  member = json_object_get_member (object, "title");
  if (member == NULL)
    report (r, "title", _("missing: the file needs a title"));
  else if (!is_string (member))
    report (r, "title", _("expected a string, found %s"), cc_json_node_type_name (member));
  else if (is_blank (json_node_get_string (member)))
    report (r, "title", _("is empty"));
  else if (g_utf8_strlen (json_node_get_string (member), -1) > MAX_TITLE)
    report (r, "title", _("%ld characters are more than the limit of %d"),
            g_utf8_strlen (json_node_get_string (member), -1), MAX_TITLE);
  else
    r->title = g_strdup (json_node_get_string (member));

  member = json_object_get_member (object, "forces");
  if (member == NULL)
    {
      report (r, "forces", _("missing: the file has no list of forces"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      report (r, "forces", _("expected a list of forces, found %s"), cc_json_node_type_name (member));
      return FALSE;
    }
  forces = json_node_get_array (member);
  if (json_array_get_length (forces) > MAX_FORCES)
    {
      report (r, "forces", _("%u forces are more than the limit of %d"), json_array_get_length (forces), MAX_FORCES);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (forces); i++)
    {
      Entry *e = read_entry (r, i, json_array_get_element (forces, i));

      if (e != NULL)
        g_ptr_array_add (r->entries, e);
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      static const char * const known[] = { "format", "version", "title", "forces", NULL };

      if (g_strv_contains (known, l->data))
        continue;
      if (r->extra == NULL)
        r->extra = json_object_new ();
      json_object_set_member (r->extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }
  return r->n_problems == before;
}

/* Reads the file at @path (reporting under its base name). A file that is
 * not there reads as empty when @missing_ok. */
static gboolean
read_path (Reader *r, const char *path, gboolean missing_ok)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize len = 0;

  contents = cc_read_file (file, MAX_FILE_SIZE, &len, NULL, &error);
  if (contents == NULL)
    {
      if (missing_ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        report (r, NULL, "%s", error->message);
      else
        report (r, NULL, _("could not be read: %s"), error->message);
      return FALSE;
    }
  return read_file (r, contents, len);
}

static void
reader_init (Reader *r, CcForceLibrary *self, const char *name, gboolean user, GPtrArray *problems)
{
  memset (r, 0, sizeof *r);
  r->name = name;
  r->user = user;
  r->taken = self->ids;
  r->entries = g_ptr_array_new ();
  r->problems = problems;
}

static void
reader_clear (Reader *r)
{
  /* Entries still here were not taken over: drop them from the ids too. */
  for (guint i = 0; i < r->entries->len; i++)
    {
      Entry *e = r->entries->pdata[i];

      g_hash_table_remove (r->taken, e->pub.id);
      cc_force_entry_unref (&e->pub);
    }
  g_ptr_array_unref (r->entries);
  g_free (r->title);
  g_clear_pointer (&r->extra, json_object_unref);
}

/* Library state */

static void
rebuild (CcForceLibrary *self)
{
  g_ptr_array_set_size (self->entries, 0);
  for (guint i = 0; i < self->user->len; i++)
    g_ptr_array_add (self->entries, cc_force_entry_ref (self->user->pdata[i]));
  for (guint i = 0; i < self->shipped->len; i++)
    g_ptr_array_add (self->entries, cc_force_entry_ref (self->shipped->pdata[i]));
  g_ptr_array_sort (self->entries, compare_entries);
}

static void
changed (CcForceLibrary *self)
{
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Moves what @r read into @into (taking the references). */
static guint
take_entries (Reader *r, GPtrArray *into)
{
  guint n = r->entries->len;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (into, r->entries->pdata[i]);
  g_ptr_array_set_size (r->entries, 0);
  return n;
}

static guint
load_shipped (CcForceLibrary *self, const char *name, const char *data, gsize len)
{
  Reader r;
  guint n;

  reader_init (&r, self, name, FALSE, self->problems);
  read_file (&r, data, len);
  n = take_entries (&r, self->shipped);
  reader_clear (&r);
  return n;
}

/* Forgets the user's entries and reads the user file again. */
static void
read_user_file (CcForceLibrary *self)
{
  g_autofree char *name = g_path_get_basename (self->user_path);
  Reader r;

  for (guint i = 0; i < self->user->len; i++)
    g_hash_table_remove (self->ids, ((CcForceEntry *) self->user->pdata[i])->id);
  g_ptr_array_set_size (self->user, 0);
  g_ptr_array_set_size (self->user_problems, 0);
  g_clear_pointer (&self->user_title, g_free);
  g_clear_pointer (&self->user_extra, json_object_unref);

  reader_init (&r, self, name, TRUE, self->user_problems);
  self->user_complete = read_path (&r, self->user_path, TRUE);
  take_entries (&r, self->user);
  self->user_title = g_steal_pointer (&r.title);
  self->user_extra = g_steal_pointer (&r.extra);
  reader_clear (&r);
}

/* Writing the user's file */

static JsonNode *
entry_to_node (CcForceEntry *entry)
{
  Entry *e = (Entry *) entry;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, entry->id);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, entry->label);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, entry->description);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, side_names[entry->side]);
  json_builder_set_member_name (builder, "strength");
  json_builder_add_int_value (builder, entry->strength);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->tags[i] != NULL; i++)
    json_builder_add_string_value (builder, entry->tags[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (e->extra != NULL)
    {
      JsonNode *node = json_builder_get_root (builder);
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (e->extra);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data, json_node_copy (json_object_get_member (e->extra, l->data)));
      return node;
    }
  return json_builder_get_root (builder);
}

static GBytes *
serialize_user (CcForceLibrary *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *forces = json_array_new ();
  GString *out = g_string_new (NULL);

  json_node_take_object (root, object);
  json_object_set_string_member (object, "format", CC_FORCE_LIBRARY_FORMAT);
  json_object_set_int_member (object, "version", CC_FORCE_LIBRARY_VERSION);
  json_object_set_string_member (object, "title", self->user_title != NULL ? self->user_title : "My forces");
  for (guint i = 0; i < self->user->len; i++)
    json_array_add_element (forces, entry_to_node (self->user->pdata[i]));
  json_object_set_array_member (object, "forces", forces);
  if (self->user_extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->user_extra);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data, json_node_copy (json_object_get_member (self->user_extra, l->data)));
    }
  cc_json_write_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* Renames the user file to "<name>.broken-YYYYMMDD-HHMMSS[-N]" beside it.
 * Returns the new path, or NULL with @error set. */
static char *
move_aside (const char *path, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *target = n == 1 ? g_strdup_printf ("%s.broken-%s", path, stamp)
                                       : g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);
      GStatBuf st;

      if (g_lstat (target, &st) == 0)
        continue;
      if (g_rename (path, target) != 0)
        {
          int saved = errno;
          g_autofree char *name = g_path_get_basename (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("“%s” could not be read in full, and could not be moved aside to keep it: %s"),
                       name, g_strerror (saved));
          return NULL;
        }
      return g_steal_pointer (&target);
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("“%s” could not be read in full, and there is no free name to move it aside to"), path);
  return NULL;
}

/* Writes the user's entries to the user file: atomically, creating the
 * folder, and moving an incompletely read file aside first. */
static gboolean
write_user_file (CcForceLibrary *self, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (self->user_path);
  g_autofree char *backup = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!self->user_complete && g_lstat (self->user_path, &st) == 0)
    {
      backup = move_aside (self->user_path, error);
      if (backup == NULL)
        return FALSE;
    }

  bytes = serialize_user (self);
  file = g_file_new_for_path (self->user_path);
  if (!cc_write_file_atomic (file, bytes, error))
    {
      /* Put the old file back where it was. */
      if (backup != NULL && g_rename (backup, self->user_path) != 0)
        g_warning ("Could not move %s back to %s: %s", backup, self->user_path, g_strerror (errno));
      return FALSE;
    }
  if (backup != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->user_path);
      g_autofree char *backup_name = g_path_get_basename (backup);

      add_problem (self->user_notes, name,
                   _("could not be read in full, so it was kept as “%s” and saved again with the forces that could be read"),
                   backup_name);
    }
  self->user_complete = TRUE;
  return TRUE;
}

/* An id for a new force of the user's: "user-" and the label's words. */
static char *
make_user_id (CcForceLibrary *self, const char *label)
{
  g_autofree char *folded = cc_fold_for_matching (label);
  GString *slug = g_string_new (USER_ID_PREFIX);
  gsize start = slug->len;
  char *id;

  for (const char *p = folded; *p != '\0' && slug->len - start < USER_SLUG_MAX; p++)
    {
      char c = *p;

      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        g_string_append_c (slug, c);
      else if (c >= 'A' && c <= 'Z')
        g_string_append_c (slug, g_ascii_tolower (c));
      else if (slug->len > start && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > start && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == start)
    g_string_append (slug, "force");

  id = g_string_free (slug, FALSE);
  for (guint n = 2; g_hash_table_contains (self->ids, id); n++)
    {
      g_autofree char *stem = id;

      /* Strip a suffix added before so that ids go -2, -3, not -2-3. */
      if (n > 2)
        *strrchr (stem, '-') = '\0';
      id = g_strdup_printf ("%s-%u", stem, n);
    }
  return id;
}

static gboolean
check_label (const char *label, GError **error)
{
  glong len;

  if (!g_utf8_validate (label, -1, NULL) || has_control (label))
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("A force’s label must be one line of text"));
      return FALSE;
    }
  if (is_blank (label))
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("A force needs a label"));
      return FALSE;
    }
  len = g_utf8_strlen (label, -1);
  if (len > CC_FORCE_LABEL_MAX)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("The label is %ld characters long; the limit is %d"), len, CC_FORCE_LABEL_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_description (const char *description, GError **error)
{
  glong len;

  if (!g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("The description is not valid text"));
      return FALSE;
    }
  len = g_utf8_strlen (description, -1);
  if (len > CC_FORCE_DESCRIPTION_MAX)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("The description is %ld characters long; the limit is %d"), len, CC_FORCE_DESCRIPTION_MAX);
      return FALSE;
    }
  return TRUE;
}

/* GObject */

static void
cc_force_library_finalize (GObject *object)
{
  CcForceLibrary *self = CC_FORCE_LIBRARY (object);

  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->user, g_ptr_array_unref);
  g_clear_pointer (&self->shipped, g_ptr_array_unref);
  g_clear_pointer (&self->all_problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->user_problems, g_ptr_array_unref);
  g_clear_pointer (&self->user_notes, g_ptr_array_unref);
  g_clear_pointer (&self->user_path, g_free);
  g_clear_pointer (&self->user_title, g_free);
  g_clear_pointer (&self->user_extra, json_object_unref);

  G_OBJECT_CLASS (cc_force_library_parent_class)->finalize (object);
}

static void
cc_force_library_class_init (CcForceLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_force_library_finalize;

  /**
   * CcForceLibrary::changed:
   *
   * Emitted when entries were added or removed, or problems found.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_force_library_init (CcForceLibrary *self)
{
  self->shipped = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_force_entry_unref);
  self->user = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_force_entry_unref);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_force_entry_unref);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->user_problems = g_ptr_array_new_with_free_func (g_free);
  self->user_notes = g_ptr_array_new_with_free_func (g_free);
  self->all_problems = g_ptr_array_new ();
  self->user_complete = TRUE;
}

/* Public API */

CcForceLibrary *
cc_force_library_new (void)
{
  return g_object_new (CC_TYPE_FORCE_LIBRARY, NULL);
}

guint
cc_force_library_load_builtin (CcForceLibrary *self)
{
  GResource *resource = cc_model_get_resource ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint n = 0, before;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), 0);

  before = self->problems->len;
  names = cc_data_files_in_resource (FORCES_RESOURCE_PATH, &error);
  if (names == NULL)
    {
      add_problem (self->problems, FORCES_RESOURCE_PATH, "%s", error->message);
      changed (self);
      return 0;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = g_strconcat (FORCES_RESOURCE_PATH, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;
      const char *data;

      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          add_problem (self->problems, name, "%s", error->message);
          g_clear_error (&error);
          continue;
        }
      data = g_bytes_get_data (bytes, &len);
      n += load_shipped (self, name, data, len);
    }
  if (n > 0 || self->problems->len != before)
    changed (self);
  return n;
}

guint
cc_force_library_load_dir (CcForceLibrary *self, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint n = 0, before;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), 0);
  g_return_val_if_fail (dir != NULL, 0);

  before = self->problems->len;
  names = cc_data_files_in_dir (dir, &error);
  if (names == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          add_problem (self->problems, dir, _("could not be read: %s"), error->message);
          changed (self);
        }
      return 0;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) read_error = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;

      /* The bytes go the way of cc_force_library_load_data's. */
      contents = cc_read_file (file, MAX_FILE_SIZE, &len, NULL, &read_error);
      if (contents == NULL)
        {
          if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
            add_problem (self->problems, names->pdata[i], "%s", read_error->message);
          else
            add_problem (self->problems, names->pdata[i], _("could not be read: %s"), read_error->message);
          continue;
        }
      n += load_shipped (self, names->pdata[i], contents, len);
    }
  if (n > 0 || self->problems->len != before)
    changed (self);
  return n;
}

guint
cc_force_library_load_data (CcForceLibrary *self, const char *name, const char *data, gsize len)
{
  guint n, before;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (data != NULL || len == 0, 0);

  before = self->problems->len;
  n = load_shipped (self, name, data != NULL ? data : "", len);
  if (n > 0 || self->problems->len != before)
    changed (self);
  return n;
}

guint
cc_force_library_load_user (CcForceLibrary *self, const char *path)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  g_free (self->user_path);
  self->user_path = g_strdup (path);
  read_user_file (self);
  changed (self);
  return self->user->len;
}

char *
cc_force_library_default_user_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "concord", "forces.json", NULL);
}

const char *
cc_force_library_get_user_path (CcForceLibrary *self)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), NULL);
  return self->user_path;
}

GPtrArray *
cc_force_library_get_entries (CcForceLibrary *self)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), NULL);
  return self->entries;
}

guint
cc_force_library_get_n_entries (CcForceLibrary *self)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), 0);
  return self->entries->len;
}

CcForceEntry *
cc_force_library_lookup (CcForceLibrary *self, const char *id)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->ids, id) : NULL;
}

GPtrArray *
cc_force_library_search (CcForceLibrary *self, const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_force_entry_unref);
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), out);

  needle = cc_fold_for_matching (text);
  words = g_strsplit_set (needle, " \t\n\r\f\v", -1);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = self->entries->pdata[i];
      gboolean match = TRUE;

      for (guint w = 0; match && words[w] != NULL; w++)
        if (words[w][0] != '\0' && strstr (e->search_text, words[w]) == NULL)
          match = FALSE;
      if (match)
        g_ptr_array_add (out, cc_force_entry_ref (&e->pub));
    }
  return out;
}

GPtrArray *
cc_force_library_get_problems (CcForceLibrary *self)
{
  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), NULL);

  g_ptr_array_set_size (self->all_problems, 0);
  for (guint i = 0; i < self->problems->len; i++)
    g_ptr_array_add (self->all_problems, self->problems->pdata[i]);
  for (guint i = 0; i < self->user_problems->len; i++)
    g_ptr_array_add (self->all_problems, self->user_problems->pdata[i]);
  for (guint i = 0; i < self->user_notes->len; i++)
    g_ptr_array_add (self->all_problems, self->user_notes->pdata[i]);
  return self->all_problems;
}

CcForceEntry *
cc_force_library_add_user (CcForceLibrary  *self,
                           const char      *label,
                           const char      *description,
                           CcSide           side,
                           int              strength,
                           GError         **error)
{
  g_autofree char *clean_label = NULL;
  g_autofree char *clean_description = NULL;
  Entry *e;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->user_path == NULL)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NO_USER_FILE,
                   _("There is no file for your own forces"));
      return NULL;
    }
  clean_label = g_strstrip (g_strdup (label));
  clean_description = g_strstrip (g_strdup (description != NULL ? description : ""));
  if (!check_label (clean_label, error) || !check_description (clean_description, error))
    return NULL;
  if ((guint) side >= CC_N_SIDES)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("A force is either driving or resisting"));
      return NULL;
    }
  if (strength < 1 || strength > 5)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_INVALID,
                   _("The strength of a force is from 1 to 5, not %d"), strength);
      return NULL;
    }

  /* Read, change, write: what another window saved meanwhile is kept. */
  read_user_file (self);

  e = entry_new ();
  e->pub.id = make_user_id (self, clean_label);
  e->pub.label = g_steal_pointer (&clean_label);
  e->pub.description = g_steal_pointer (&clean_description);
  e->pub.side = side;
  e->pub.strength = strength;
  e->pub.tags = g_new0 (char *, 1);
  e->pub.user = TRUE;
  e->pub.source = g_path_get_basename (self->user_path);
  entry_index (e);
  g_ptr_array_add (self->user, e);
  g_hash_table_insert (self->ids, e->pub.id, e);

  if (!write_user_file (self, error))
    {
      g_hash_table_remove (self->ids, e->pub.id);
      g_ptr_array_remove (self->user, e);
      changed (self);
      return NULL;
    }
  changed (self);
  return &e->pub;
}

gboolean
cc_force_library_remove_user (CcForceLibrary *self, const char *id, GError **error)
{
  CcForceEntry *entry;
  guint index;

  g_return_val_if_fail (CC_IS_FORCE_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->user_path == NULL)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NO_USER_FILE,
                   _("There is no file for your own forces"));
      return FALSE;
    }
  entry = g_hash_table_lookup (self->ids, id);
  if (entry != NULL && !entry->user)
    {
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NOT_USER,
                   _("“%s” comes with Concord and cannot be removed"), entry->label);
      return FALSE;
    }

  read_user_file (self);
  entry = g_hash_table_lookup (self->ids, id);
  if (entry == NULL || !entry->user || !g_ptr_array_find (self->user, entry, &index))
    {
      changed (self);
      g_set_error (error, CC_FORCE_LIBRARY_ERROR, CC_FORCE_LIBRARY_ERROR_NOT_FOUND,
                   _("None of your forces has the id “%s”"), id);
      return FALSE;
    }

  {
    g_autoptr(CcForceEntry) removed = cc_force_entry_ref (entry);

    g_hash_table_remove (self->ids, id);
    g_ptr_array_remove_index (self->user, index);
    if (!write_user_file (self, error))
      {
        g_ptr_array_insert (self->user, (int) index, cc_force_entry_ref (removed));
        g_hash_table_insert (self->ids, removed->id, removed);
        changed (self);
        return FALSE;
      }
  }
  changed (self);
  return TRUE;
}
