/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cc-link-type-menu.h"

GMenu *
cc_link_type_menu_new (CcProject  *project,
                       const char *action)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) builtin = g_menu_new ();
  const CcBuiltinLinkType *list = NULL;
  GPtrArray *own;
  guint n = 0;

  g_return_val_if_fail (action != NULL, menu);
  list = cc_builtin_link_types (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(list[i].label), NULL);
      g_autofree char *accel = g_strdup_printf ("%u", i + 1);

      g_menu_item_set_action_and_target (item, action, "s", list[i].id);
      /* The keys 1 to 4, on a map and in the outline alike */
      if (i < 4)
        g_menu_item_set_attribute (item, "accel", "s", accel);
      g_menu_append_item (builtin, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (builtin));

  own = project != NULL ? cc_item_get_children (cc_project_get_root (project), CC_PROJECT_LINK_TYPES) : NULL;
  if (own != NULL && own->len > 0)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < own->len; i++)
        {
          CcItem *type = own->pdata[i];
          const char *label = cc_item_get_string (type, CC_LINK_TYPE_LABEL);
          g_autoptr(GMenuItem) item = g_menu_item_new (label[0] != '\0' ? label : cc_item_get_id (type), NULL);

          g_menu_item_set_action_and_target (item, action, "s", cc_item_get_id (type));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (menu, _("This Project"), G_MENU_MODEL (section));
    }
  return menu;
}
