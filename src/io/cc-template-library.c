/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-template-library"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-data-files.h"
#include "cc-io.h"
#include "cc-model-resources.h"
#include "cc-template.h"
#include "cc-template-library.h"
#include "cc-read-file.h"

#define TEMPLATES_PATH "/io/github/concordmaps/Concord/templates/"

struct _CcTemplateLibrary
{
  GPtrArray *templates;  /* CcItem* (owned) */
  GPtrArray *problems;   /* char* */
};

CcTemplateLibrary *
cc_template_library_new (void)
{
  CcTemplateLibrary *self = g_new0 (CcTemplateLibrary, 1);

  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_item_unref);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
cc_template_library_free (CcTemplateLibrary *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->templates);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

static void G_GNUC_PRINTF (3, 4)
add_problem (CcTemplateLibrary *self, const char *name, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, g_strdup_printf ("%s: %s", name, message));
}

CcItem *
cc_template_library_lookup (CcTemplateLibrary *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->templates->len; i++)
    if (strcmp (cc_item_get_string (self->templates->pdata[i], CC_TEMPLATE_ID), id) == 0)
      return self->templates->pdata[i];
  return NULL;
}

gboolean
cc_template_library_load_data (CcTemplateLibrary *self, const char *name, const char *data, gsize len)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CcItem) tmpl = NULL;
  const char *id;

  g_return_val_if_fail (self != NULL, FALSE);

  tmpl = cc_load_template_bytes (data, len, &problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = cc_problem_to_string (problems->pdata[i]);

      add_problem (self, name, "%s", text);
    }
  if (tmpl == NULL)
    return FALSE;
  id = cc_item_get_string (tmpl, CC_TEMPLATE_ID);
  if (cc_template_library_lookup (self, id) != NULL)
    {
      add_problem (self, name, _("id: a template “%s” was read before; this one is skipped"), id);
      return FALSE;
    }
  g_ptr_array_add (self->templates, g_steal_pointer (&tmpl));
  return TRUE;
}

guint
cc_template_library_load_builtin (CcTemplateLibrary *self)
{
  g_autoptr(GPtrArray) names = cc_data_files_in_resource (TEMPLATES_PATH, NULL);
  guint added = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      g_autofree char *path = g_strconcat (TEMPLATES_PATH, (const char *) names->pdata[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (cc_model_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize len;
      const char *data;

      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &len);
      added += cc_template_library_load_data (self, names->pdata[i], data, len);
    }
  return added;
}

guint
cc_template_library_load_dir (CcTemplateLibrary *self, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint added = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (dir != NULL, 0);

  names = cc_data_files_in_dir (dir, &error);
  if (names == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        add_problem (self, dir, "%s", error->message);
      return 0;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_clear_error (&error);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      {
        g_autoptr(GFile) file = g_file_new_for_path (path);

        contents = cc_read_file (file, CC_TEMPLATE_FILE_MAX, &len, NULL, &error);
        if (contents == NULL)
          {
            add_problem (self, path, "%s", error->message);
            continue;
          }
      }
      added += cc_template_library_load_data (self, path, contents, len);
    }
  return added;
}

GPtrArray *
cc_template_library_get_templates (CcTemplateLibrary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->templates;
}

GPtrArray *
cc_template_library_get_problems (CcTemplateLibrary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

char *
cc_template_library_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "concord", "templates", NULL);
}

static gpointer
load_default (gpointer data)
{
  CcTemplateLibrary *self = cc_template_library_new ();
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *user = cc_template_library_user_dir ();

  cc_template_library_load_builtin (self);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (dirs[i], "concord", "templates", NULL);

      cc_template_library_load_dir (self, dir);
    }
  cc_template_library_load_dir (self, user);
  return self;
}

CcTemplateLibrary *
cc_template_library_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_default, NULL);
}
