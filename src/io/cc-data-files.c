/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-data-files"

#include "config.h"

#include <string.h>

#include "cc-data-files.h"
#include "cc-model-resources.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_if_json (GPtrArray *names, const char *name)
{
  if (g_str_has_suffix (name, ".json"))
    g_ptr_array_add (names, g_strdup (name));
}

GPtrArray *
cc_data_files_in_resource (const char *folder, GError **error)
{
  g_auto(GStrv) children = g_resource_enumerate_children (cc_model_get_resource (), folder,
                                                          G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  GPtrArray *names;

  if (children == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; children[i] != NULL; i++)
    add_if_json (names, children[i]);
  g_ptr_array_sort (names, compare_names);
  return names;
}

GPtrArray *
cc_data_files_in_dir (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *names;
  const char *name;

  if (d == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    add_if_json (names, name);
  g_ptr_array_sort (names, compare_names);
  return names;
}
