/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cc-io.h"
#include "cc-measures.h"

static const char doc[] =
  "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", \"actors\": ["
  "{\"id\": \"board\", \"name\": \"Community Planning Board\", \"kind\": \"partnership\"},"
  "{\"id\": \"safety\", \"name\": \"Community Safety Partnership\", \"kind\": \"partnership\"},"
  "{\"id\": \"council\", \"name\": \"Council\"}, {\"id\": \"police\", \"name\": \"Police\"}],"
  "\"sheets\": ["
  "{\"id\": \"m1\", \"type\": \"map\", \"title\": \"Today\", \"nodes\": ["
  "{\"id\": \"n1\", \"actor\": \"board\", \"x\": 0, \"y\": 0}, {\"id\": \"n2\", \"actor\": \"council\", \"x\": 1, \"y\": 0},"
  "{\"id\": \"n3\", \"actor\": \"police\", \"x\": 2, \"y\": 0}, {\"id\": \"n4\", \"actor\": \"safety\", \"x\": 3, \"y\": 0}],"
  "\"links\": [{\"id\": \"l1\", \"from\": \"n2\", \"to\": \"n1\", \"type\": \"statutory\"},"
  "{\"id\": \"l2\", \"from\": \"n3\", \"to\": \"n1\", \"type\": \"statutory\"},"
  "{\"id\": \"l3\", \"from\": \"n2\", \"to\": \"n4\", \"type\": \"strategic\"},"
  "{\"id\": \"l4\", \"from\": \"n2\", \"to\": \"n3\", \"type\": \"informal\"}]},"
  "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"Future\", \"nodes\": ["
  "{\"id\": \"n5\", \"actor\": \"board\", \"x\": 0, \"y\": 0}, {\"id\": \"n6\", \"actor\": \"council\", \"x\": 1, \"y\": 0}],"
  "\"links\": [{\"id\": \"l5\", \"from\": \"n6\", \"to\": \"n5\", \"type\": \"statutory\"}]}]}";

static void
test_degree_and_memberships (void)
{
  g_autoptr(CcLoadResult) result = cc_load_bytes (doc, strlen (doc));
  g_autoptr(GHashTable) degree = NULL;
  g_autoptr(GHashTable) members = NULL;

  g_assert_true (cc_load_result_is_sound (result));
  degree = cc_measures_degree (cc_project_get_sheet (result->project, 0));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (degree, "n2")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (degree, "n1")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (degree, "n4")), ==, 1);

  /* The council sits in two partnership bodies; the same one on two maps counts once. */
  members = cc_measures_memberships (result->project);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (members, "council")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (members, "police")), ==, 1);
  g_assert_false (g_hash_table_contains (members, "board"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout/degree-and-memberships", test_degree_and_memberships);
  return g_test_run ();
}
