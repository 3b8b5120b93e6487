/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files a colleague sends: whatever they hold, reading them is memory-safe
 * and bounded, and nothing of theirs or ours is lost. */
#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cc-force-library.h"
#include "cc-io.h"
#include "cc-template-library.h"
#include "../cc-test-util.h"

#define HEAD "{\"format\": \"concord-project\", \"version\": 1, \"title\": \"T\", " \
             "\"actors\": [{\"id\": \"a1\", \"name\": \"Council\"}, {\"id\": \"a2\", \"name\": \"Police\"}], "

static CcLoadResult *
load_text (const char *text)
{
  return cc_load_bytes (text, strlen (text));
}

/* The errors, one a line, as the user is told them. */
static char *
errors_of (CcLoadResult *result)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < result->problems->len; i++)
    {
      const CcProblem *p = result->problems->pdata[i];
      g_autofree char *text = NULL;

      if (p->severity != CC_PROBLEM_ERROR)
        continue;
      text = cc_problem_to_string (p);
      g_string_append_printf (s, "%s\n", text);
    }
  return g_string_free (s, FALSE);
}

static CcItem *
sheet_with_id (CcProject *project, const char *id)
{
  for (guint i = 0; i < cc_project_get_n_sheets (project); i++)
    if (g_strcmp0 (cc_item_get_id (cc_project_get_sheet (project, i)), id) == 0)
      return cc_project_get_sheet (project, i);
  return NULL;
}

/* A sheet dropped for want of a title takes its nodes' ids with it: the
 * next sheet may use them, and nothing reads the freed nodes (under
 * AddressSanitizer this was a heap use-after-free). */
static void
test_dropped_sheet_gives_back_ids (void)
{
  static const char text[] =
    "{\"format\":\"concord-project\",\"version\":1,\"title\":\"t\",\"actors\":[{\"id\":\"a1\",\"name\":\"A\"}],"
    " \"sheets\":[{\"id\":\"m1\",\"type\":\"map\",\"nodes\":[{\"id\":\"n1\",\"actor\":\"a1\",\"x\":0,\"y\":0}]},"
    "           {\"id\":\"m2\",\"type\":\"map\",\"title\":\"\",\"nodes\":[{\"id\":\"n1\",\"actor\":\"a1\",\"x\":0,\"y\":0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m2;

  g_assert_cmpstr (errors, ==, "sheets[0].title: missing: a map needs a title\n");
  g_assert_nonnull (result->project);
  g_assert_null (sheet_with_id (result->project, "m1"));
  m2 = sheet_with_id (result->project, "m2");
  g_assert_nonnull (m2);
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_NODES), ==, 1);
  g_assert_cmpstr (cc_item_get_id (cc_item_get_child (m2, CC_MAP_NODES, 0)), ==, "n1");
}

/* A link may not name a node of a dropped sheet, nor a group list one. */
static void
test_reference_into_dropped_sheet (void)
{
  static const char text[] =
    HEAD "\"sheets\": ["
    "{\"id\": \"m1\", \"type\": \"map\", \"nodes\": [{\"id\": \"n1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]},"
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M\", \"nodes\": [{\"id\": \"n2\", \"actor\": \"a2\", \"x\": 0, \"y\": 0}],"
    " \"links\": [{\"id\": \"l1\", \"from\": \"n1\", \"to\": \"n2\", \"type\": \"informal\"}],"
    " \"groups\": [{\"id\": \"g1\", \"members\": [\"n1\", \"n2\"]}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m2;

  g_assert_cmpstr (errors, ==,
                   "sheets[0].title: missing: a map needs a title\n"
                   "sheets[1].links[0].from: no node “n1”\n"
                   "sheets[1].groups[0].members[0]: no node “n1”\n");
  m2 = sheet_with_id (result->project, "m2");
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_LINKS), ==, 0);
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_GROUPS), ==, 1);
  g_assert_cmpstr (cc_item_get_strv (cc_item_get_child (m2, CC_MAP_GROUPS, 0), CC_GROUP_MEMBERS)[0], ==, "n2");
}

/* An item's id is taken as soon as it is read: a child with its parent's id
 * is a duplicate, not a silent replacement of the parent in the id table. */
static void
test_child_with_parent_id (void)
{
  static const char text[] =
    HEAD "\"sheets\": [{\"id\": \"m1\", \"type\": \"map\", \"title\": \"M\","
    " \"nodes\": [{\"id\": \"m1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}, {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 9, \"y\": 0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  CcItem *m1;

  g_assert_cmpstr (errors, ==, "sheets[0].nodes[0].id: duplicate id “m1” (already used at sheets[0])\n");
  m1 = sheet_with_id (result->project, "m1");
  g_assert_nonnull (m1);
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_NODES), ==, 1);
  g_assert_true (cc_project_lookup (result->project, "m1") == m1);
}

/* Items dropped at every level, then their ids used again and referred to:
 * a force field dropped with its forces, a force dropped with its scores,
 * a node dropped for its actor (only once the whole file is read, so its id
 * still counts as taken); whatever is kept is sound and only its ids are
 * the project's. */
static void
test_dropped_items_everywhere (void)
{
  static const char text[] =
    HEAD "\"sheets\": ["
    "{\"id\": \"ff1\", \"type\": \"forcefield\", \"forces\": [{\"id\": \"f1\", \"side\": \"driving\", \"label\": \"A\", \"strength\": 2}]},"
    "{\"id\": \"ff2\", \"type\": \"forcefield\", \"title\": \"F\", \"forces\": ["
    "  {\"id\": \"f1\", \"side\": \"driving\", \"label\": \"B\", \"strength\": 9, \"scores\": [{\"participant\": \"X\", \"score\": 2}]},"
    "  {\"id\": \"f2\", \"side\": \"resisting\", \"label\": \"C\", \"strength\": 1}]},"
    "{\"id\": \"m1\", \"type\": \"map\", \"title\": \"M\", \"nodes\": ["
    "  {\"id\": \"f1\", \"actor\": \"zz\", \"x\": 0, \"y\": 0},"
    "  {\"id\": \"n2\", \"actor\": \"a2\", \"x\": 0, \"y\": 0}, {\"id\": \"n3\", \"actor\": \"a1\", \"x\": 5, \"y\": 0}],"
    " \"links\": [{\"id\": \"l1\", \"from\": \"f1\", \"to\": \"n2\", \"type\": \"informal\"},"
    "             {\"id\": \"l2\", \"from\": \"n3\", \"to\": \"n2\", \"type\": \"informal\"}]},"
    "{\"id\": \"m2\", \"type\": \"map\", \"title\": \"M2\", \"nodes\": [{\"id\": \"f1\", \"actor\": \"a1\", \"x\": 0, \"y\": 0}]}]}";
  g_autoptr(CcLoadResult) result = load_text (text);
  g_autofree char *errors = errors_of (result);
  g_autofree char *saved = NULL;
  CcItem *ff2, *m1, *m2;

  g_assert_cmpstr (errors, ==,
                   "sheets[0].title: missing: a force field needs a title\n"
                   "sheets[1].forces[0].strength: 9 is out of range (1 to 5)\n"
                   "sheets[3].nodes[0].id: duplicate id “f1” (already used at sheets[2].nodes[0])\n"
                   "sheets[2].nodes[0].actor: no actor “zz”\n"
                   "sheets[2].links[0].from: no node “f1”\n");
  ff2 = sheet_with_id (result->project, "ff2");
  g_assert_cmpuint (cc_item_get_n_children (ff2, CC_FORCEFIELD_FORCES), ==, 1);
  m1 = sheet_with_id (result->project, "m1");
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_NODES), ==, 2);
  g_assert_cmpuint (cc_item_get_n_children (m1, CC_MAP_LINKS), ==, 1);
  m2 = sheet_with_id (result->project, "m2");
  g_assert_cmpuint (cc_item_get_n_children (m2, CC_MAP_NODES), ==, 0);
  g_assert_null (cc_project_lookup (result->project, "f1"));
  g_assert_nonnull (cc_project_lookup (result->project, "f2"));
  saved = text_of (result->project);
  assert_loads_soundly (saved);
}

/* A socket bound at @path; its descriptor. */
static int
bind_socket (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  return fd;
}

/* Only regular files are read: a device could be endless, a named pipe
 * with no writer would never answer. Each answers at once with what it is;
 * through a symbolic link too. */
static void
test_special_files_refused (void)
{
  g_autofree char *dir = make_dir_for ("special");
  g_autofree char *fifo = g_build_filename (dir, "pipe.concord", NULL);
  g_autofree char *sock = g_build_filename (dir, "socket.concord", NULL);
  g_autofree char *link = g_build_filename (dir, "zero.concord", NULL);
  struct { const char *path; int code; const char *says; } cases[] = {
    { "/dev/zero", G_IO_ERROR_NOT_REGULAR_FILE, "it is a device, not a file" },
    { "/dev/null", G_IO_ERROR_NOT_REGULAR_FILE, "it is a device, not a file" },
    { fifo, G_IO_ERROR_NOT_REGULAR_FILE, "it is a named pipe (FIFO), not a file" },
    { sock, G_IO_ERROR_NOT_REGULAR_FILE, "it is a socket, not a file" },
    { link, G_IO_ERROR_NOT_REGULAR_FILE, "it is a device, not a file" },
    { dir, G_IO_ERROR_IS_DIRECTORY, "it is a folder, not a file" },
  };
  int sock_fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  sock_fd = bind_socket (sock);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      CcLoadResult *result = cc_load_file (file, NULL, &error);

      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].says);
    }
  close (sock_fd);
  remove_tree (dir);
}

/* A named pipe or a device among the user's templates or forces is told and
 * skipped; the files beside it are read. */
static void
test_special_files_in_libraries (void)
{
  g_autofree char *dir = make_dir_for ("special-lib");
  g_autofree char *fifo = g_build_filename (dir, "a-pipe.json", NULL);
  g_autofree char *dev = g_build_filename (dir, "b-zero.json", NULL);
  g_autoptr(CcTemplateLibrary) templates = cc_template_library_new ();
  g_autoptr(CcForceLibrary) forces = cc_force_library_new ();
  GPtrArray *problems;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", dev), ==, 0);

  g_assert_cmpuint (cc_template_library_load_dir (templates, dir), ==, 0);
  problems = cc_template_library_get_problems (templates);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (problems->pdata[0], "a-pipe.json"));
  g_assert_nonnull (strstr (problems->pdata[0], "it is a named pipe (FIFO), not a file"));
  g_assert_nonnull (strstr (problems->pdata[1], "it is a device, not a file"));

  g_assert_cmpuint (cc_force_library_load_dir (forces, dir), ==, 0);
  problems = cc_force_library_get_problems (forces);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (problems->pdata[0], "it is a named pipe (FIFO), not a file"));
  g_assert_nonnull (strstr (problems->pdata[1], "it is a device, not a file"));
  g_assert_cmpuint (cc_force_library_load_user (forces, fifo), ==, 0);
  remove_tree (dir);
}

/* A file that says it is small and grows while it is read, or one too large
 * to begin with, is refused at the limit: never read on to the end. */
static void
test_too_large_refused (void)
{
  g_autofree char *dir = make_dir_for ("large");
  g_autofree char *path = g_build_filename (dir, "large.concord", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CcLoadResult *result;
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) CC_MAX_FILE_SIZE + 1), ==, 0);  /* sparse */
  close (fd);
  result = cc_load_file (file, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the file is larger than the limit of 256 MiB");
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/dropped-sheet-gives-back-ids", test_dropped_sheet_gives_back_ids);
  g_test_add_func ("/hostile/reference-into-dropped-sheet", test_reference_into_dropped_sheet);
  g_test_add_func ("/hostile/child-with-parent-id", test_child_with_parent_id);
  g_test_add_func ("/hostile/dropped-items-everywhere", test_dropped_items_everywhere);
  g_test_add_func ("/hostile/special-files-refused", test_special_files_refused);
  g_test_add_func ("/hostile/special-files-in-libraries", test_special_files_in_libraries);
  g_test_add_func ("/hostile/too-large-refused", test_too_large_refused);
  return g_test_run ();
}
