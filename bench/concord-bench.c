/* SPDX-License-Identifier: GPL-3.0-or-later */
/* concord-bench: prints one line per figure, "name value unit".
 *
 * Loads, saves, validates and exports generated maps of 100, 1,000 and
 * 10,000 organisations (2 links each), and times json-glib's bare parse and
 * generate of the same files for comparison. Each figure is the median of
 * several runs. Then the handout PDF of a 2,000-organisation map (its page
 * alone, and with the cover and appendix) against Graphviz drawing the same
 * positioned graph ("neato -n2 -Tpdf"), and the canvas frame times.
 * "--frames" prints only the frame times, "--handouts" only the handouts,
 * "--autosave" only the autosave, "--load" only what loading costs in time
 * and peak memory (cc-bench-load.c: a 10,000-organisation map, a directory
 * of 1,000,000 organisations, and hostile files); "--startup" only the
 * time from launching concord on the example to its first frame. */
#define G_LOG_DOMAIN "concord-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-bench.h"
#include "cc-io.h"
#include "cc-handout.h"
#include "cc-render.h"

static const char *sectors[] = { "public", "private", "voluntary", "community", "other" };

/* A map of @n organisations on a grid, each linked to the next two. */
GBytes *
cc_bench_generate_project (guint n)
{
  g_autoptr(CcProject) project = cc_project_new ();
  CcItem *root = cc_project_get_root (project);
  CcItem *map = cc_item_new (CC_KIND_MAP);
  guint side = (guint) ceil (sqrt (n));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  cc_item_set_string (root, CC_PROJECT_TITLE, "Benchmark");
  cc_item_set_string (map, CC_MAP_TITLE, "Generated map");
  cc_item_set_id (map, "map");
  for (guint i = 0; i < n; i++)
    {
      CcItem *actor = cc_item_new (CC_KIND_ACTOR);
      CcItem *node = cc_item_new (CC_KIND_NODE);
      g_autofree char *name = g_strdup_printf ("Organisation %u", i + 1);
      g_autofree char *aid = g_strdup_printf ("a%u", i + 1);
      g_autofree char *nid = g_strdup_printf ("n%u", i + 1);
      g_autofree char *notes = g_strdup_printf ("Works with partners across the area on theme %u.", i % 7);

      cc_item_set_id (actor, aid);
      cc_item_set_string (actor, CC_ACTOR_NAME, name);
      cc_item_set_int (actor, CC_ACTOR_SECTOR, cc_enum_from_nick (CC_KIND_ACTOR, CC_ACTOR_SECTOR, sectors[i % 5]));
      cc_item_set_string (actor, CC_ACTOR_NOTES, notes);
      cc_item_take_child (root, CC_PROJECT_ACTORS, -1, actor);

      cc_item_set_id (node, nid);
      cc_item_set_string (node, CC_NODE_ACTOR, aid);
      cc_item_set_double (node, CC_NODE_X, (i % side) * 180.0 + (i % 3) * 0.5);
      cc_item_set_double (node, CC_NODE_Y, (i / side) * 120.0);
      cc_item_take_child (map, CC_MAP_NODES, -1, node);
      g_ptr_array_add (nodes, node);
    }
  for (guint i = 0; i < n && n > 2; i++)
    for (guint k = 1; k <= 2; k++)
      {
        static const char *types[] = { "informal", "strategic", "statutory", "delivery" };
        CcItem *link = cc_item_new (CC_KIND_LINK);
        g_autofree char *lid = g_strdup_printf ("l%u_%u", i + 1, k);

        cc_item_set_id (link, lid);
        cc_item_set_string (link, CC_LINK_FROM, cc_item_get_id (nodes->pdata[i]));
        cc_item_set_string (link, CC_LINK_TO, cc_item_get_id (nodes->pdata[(i + k) % n]));
        cc_item_set_string (link, CC_LINK_TYPE, types[(i + k) % 4]);
        cc_item_set_int (link, CC_LINK_STRENGTH, 1 + (i % 5));
        cc_item_take_child (map, CC_MAP_LINKS, -1, link);
      }
  cc_item_take_child (root, CC_PROJECT_SHEETS, -1, map);
  {
    g_autoptr(CcProject) full = cc_project_new_for_root (cc_item_ref (root));

    return cc_project_serialize (full);
  }
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
cc_bench_median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

typedef void (*BenchFunc) (gpointer data);

static double
time_ms (BenchFunc func, gpointer data)
{
  gint64 start = g_get_monotonic_time ();

  func (data);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
median_ms (guint runs, BenchFunc func, gpointer data)
{
  double times[16];

  g_assert (runs <= G_N_ELEMENTS (times));
  func (data); /* warm-up */
  for (guint i = 0; i < runs; i++)
    times[i] = time_ms (func, data);
  return cc_bench_median (times, runs);
}

typedef struct
{
  GBytes    *bytes;
  GFile     *file;
  GFile     *out;
  CcProject *project;
  JsonNode  *tree;
} Ctx;

static void
run_load (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(CcLoadResult) result = cc_load_file (ctx->file, NULL, NULL);

  g_assert (result != NULL && cc_load_result_is_sound (result));
}

static void
run_validate (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(CcLoadResult) result = cc_load_file (ctx->file, NULL, NULL);

  for (guint i = 0; i < result->problems->len; i++)
    g_free (cc_problem_to_string (result->problems->pdata[i]));
  g_assert (cc_load_result_is_sound (result));
}

static void
run_save (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GError) error = NULL;

  if (!cc_project_write_file (ctx->project, ctx->out, &error))
    g_error ("save: %s", error->message);
}

static void
run_serialize (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GBytes) bytes = cc_project_serialize (ctx->project);

  g_assert (g_bytes_get_size (bytes) > 0);
}

static void
run_export_pdf (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (sheets, cc_project_get_sheet (ctx->project, 0));
  pdf = cc_export_sheets (ctx->project, sheets, CC_EXPORT_PDF, 0, &error);
  if (pdf == NULL)
    g_error ("export: %s", error->message);
}

static void
run_json_parse (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *text = g_bytes_get_data (ctx->bytes, &len);

  if (!json_parser_load_from_data (parser, text, (gssize) len, NULL))
    g_error ("json-glib failed to parse");
}

static void
run_json_generate (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, ctx->tree);
  text = json_generator_to_data (gen, NULL);
}

/* ---- handouts against Graphviz ------------------------------------------ */

typedef struct
{
  CcProject *project;
  gboolean   pack;   /* cover, map and appendix; else the map page alone */
  gboolean   draw;   /* the PDF too; else the pages laid out only */
} HandoutCtx;

static void
run_handout (gpointer data)
{
  HandoutCtx *h = data;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(CcHandout) handout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  CcHandoutOptions options;

  cc_handout_options_init (&options);
  cc_paper_size ("a3", TRUE, &options.paper_width, &options.paper_height);
  options.cover = options.appendix = h->pack;
  g_ptr_array_add (sheets, cc_project_get_sheet (h->project, 0));
  handout = cc_handout_new (h->project, sheets, &options);
  if (!h->draw)
    return;
  pdf = cc_handout_export_pdf (handout, NULL);
  g_assert (pdf != NULL);
}

/* The same positioned graph as DOT, for "neato -n2": names, places, links. */
static char *
write_dot (CcProject *project, const char *dir)
{
  CcItem *map = cc_project_get_sheet (project, 0);
  GString *dot = g_string_new ("digraph map {\n  node [shape=box, style=rounded, fontsize=10];\n");
  char *path = g_build_filename (dir, "map.dot", NULL);

  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_NODES); i++)
    {
      CcItem *node = cc_item_get_child (map, CC_MAP_NODES, i);
      CcItem *actor = cc_project_get_node_actor (project, node);

      g_string_append_printf (dot, "  %s [label=\"%s\", pos=\"%.1f,%.1f\"];\n", cc_item_get_id (node),
                              cc_item_get_string (actor, CC_ACTOR_NAME), cc_item_get_double (node, CC_NODE_X),
                              -cc_item_get_double (node, CC_NODE_Y));
    }
  for (guint i = 0; i < cc_item_get_n_children (map, CC_MAP_LINKS); i++)
    {
      CcItem *link = cc_item_get_child (map, CC_MAP_LINKS, i);

      g_string_append_printf (dot, "  %s -> %s;\n", cc_item_get_string (link, CC_LINK_FROM),
                              cc_item_get_string (link, CC_LINK_TO));
    }
  g_string_append (dot, "}\n");
  g_assert (g_file_set_contents (path, dot->str, (gssize) dot->len, NULL));
  g_string_free (dot, TRUE);
  return path;
}

typedef struct
{
  char *dot, *out;
} NeatoCtx;

static void
run_neato (gpointer data)
{
  NeatoCtx *n = data;
  const char *argv[] = { "neato", "-n2", "-Tpdf", "-o", n->out, n->dot, NULL };
  int status = 0;

  g_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                          | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert (g_spawn_check_wait_status (status, NULL));
}

/* Notes as long as the generated ones (nine words) but drawn from 20,000
 * made-up words: text whose words seldom repeat, unlike the generated
 * "theme" notes'. */
static void
vary_notes (CcProject *project)
{
  static const char *syllables[] = { "ar", "be", "con", "da", "el", "for", "ga", "hu", "in", "jo", "ka", "lo",
                                     "mu", "ne", "or", "pa", "qui", "ro", "sa", "te", "un", "ve", "wi", "xo",
                                     "ya", "ze", "ment", "tion", "ship", "ly", "ing", "ed" };
  CcItem *root = cc_project_get_root (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2000);
  GString *notes = g_string_new (NULL);

  for (guint i = 0; i < cc_item_get_n_children (root, CC_PROJECT_ACTORS); i++)
    {
      g_string_truncate (notes, 0);
      for (guint w = 0; w < 9; w++)
        {
          guint32 word = (guint32) g_rand_int_range (rand, 0, 20000);

          if (w > 0)
            g_string_append_c (notes, ' ');
          /* Three syllables of 32, so the number picks one of 32,768 */
          for (guint k = 0; k < 3; k++, word /= 32)
            g_string_append (notes, syllables[word % 32]);
        }
      g_string_append_c (notes, '.');
      cc_item_set_string (cc_item_get_child (root, CC_PROJECT_ACTORS, i), CC_ACTOR_NOTES, notes->str);
    }
  g_string_free (notes, TRUE);
}

#define HANDOUT_ROUNDS 9

/* Each figure a median of 9 runs. Graphviz runs between Concord's, one for
 * one, and each ratio is the median of the rounds' own ratios: a machine
 * that slows down for a while slows both sides of a round alike. */
static void
bench_handouts (const char *dir)
{
  const guint n = 2000;
  g_autoptr(GBytes) bytes = cc_bench_generate_project (n);
  g_autoptr(CcLoadResult) loaded = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(CcLoadResult) varied = cc_load_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  HandoutCtx page = { loaded->project, FALSE, TRUE }, pack = { loaded->project, TRUE, TRUE };
  HandoutCtx pack_layout = { loaded->project, TRUE, FALSE }, varied_pack = { varied->project, TRUE, TRUE };
  g_autofree char *neato_path = g_find_program_in_path ("neato");
  NeatoCtx neato = { NULL, NULL };
  double page_ms[HANDOUT_ROUNDS], pack_ms[HANDOUT_ROUNDS], layout_ms[HANDOUT_ROUNDS], varied_ms[HANDOUT_ROUNDS];
  double neato_ms[HANDOUT_ROUNDS], page_x[HANDOUT_ROUNDS], pack_x[HANDOUT_ROUNDS], varied_x[HANDOUT_ROUNDS];

  g_assert (cc_load_result_is_sound (loaded));
  vary_notes (varied->project);
  if (neato_path != NULL)
    {
      neato.dot = write_dot (loaded->project, dir);
      neato.out = g_build_filename (dir, "neato.pdf", NULL);
      run_neato (&neato); /* warm-up */
    }
  run_handout (&pack);
  run_handout (&varied_pack);
  for (guint r = 0; r < HANDOUT_ROUNDS; r++)
    {
      page_ms[r] = time_ms (run_handout, &page);
      pack_ms[r] = time_ms (run_handout, &pack);
      layout_ms[r] = time_ms (run_handout, &pack_layout);
      varied_ms[r] = time_ms (run_handout, &varied_pack);
      if (neato_path == NULL)
        continue;
      neato_ms[r] = time_ms (run_neato, &neato);
      page_x[r] = page_ms[r] / neato_ms[r];
      pack_x[r] = pack_ms[r] / neato_ms[r];
      varied_x[r] = varied_ms[r] / neato_ms[r];
    }
  printf ("handout_map_page_%u %.2f ms\n", n, cc_bench_median (page_ms, HANDOUT_ROUNDS));
  printf ("handout_pack_%u %.2f ms\n", n, cc_bench_median (pack_ms, HANDOUT_ROUNDS));
  printf ("# of which laying out the pages (the appendix set on %u threads) %.2f ms\n",
          CLAMP (g_get_num_processors (), 1, 4), cc_bench_median (layout_ms, HANDOUT_ROUNDS));
  printf ("handout_pack_varied_notes_%u %.2f ms\n", n, cc_bench_median (varied_ms, HANDOUT_ROUNDS));
  if (neato_path == NULL)
    printf ("# graphviz_neato_pdf_%u: neato is not installed (apt-get install graphviz)\n", n);
  else
    {
      printf ("graphviz_neato_pdf_%u %.2f ms\n", n, cc_bench_median (neato_ms, HANDOUT_ROUNDS));
      printf ("handout_map_page_vs_neato_%u %.2f x\n", n, cc_bench_median (page_x, HANDOUT_ROUNDS));
      printf ("handout_pack_vs_neato_%u %.2f x\n", n, cc_bench_median (pack_x, HANDOUT_ROUNDS));
      printf ("handout_pack_varied_notes_vs_neato_%u %.2f x\n", n, cc_bench_median (varied_x, HANDOUT_ROUNDS));
      g_unlink (neato.dot);
      g_unlink (neato.out);
      g_free (neato.dot);
      g_free (neato.out);
    }
  fflush (stdout);
}

int
main (int argc, char *argv[])
{
  static const guint sizes[] = { 100, 1000, 10000 };
  g_autofree char *dir = g_dir_make_tmp ("concord-bench-XXXXXX", NULL);

  gboolean frames_only = argc > 1 && g_str_equal (argv[1], "--frames");
  gboolean handouts_only = argc > 1 && g_str_equal (argv[1], "--handouts");
  gboolean autosave_only = argc > 1 && g_str_equal (argv[1], "--autosave");
  gboolean load_only = argc > 1 && g_str_equal (argv[1], "--load");
  gboolean startup_only = argc > 1 && g_str_equal (argv[1], "--startup");

  if (argc > 2 && (g_str_equal (argv[1], "--load-child") || g_str_equal (argv[1], "--parse-child")))
    return cc_bench_load_child (argv[2], g_str_equal (argv[1], "--parse-child"));

  setlocale (LC_ALL, "C.UTF-8");
  printf ("# concord-bench: median of several runs; times in milliseconds\n");
  if (startup_only)
    {
      cc_bench_startup ("/proc/self/exe");
      g_rmdir (dir);
      return 0;
    }
  if (load_only)
    {
      cc_bench_load ("/proc/self/exe", dir);
      g_rmdir (dir);
      return 0;
    }
  if (autosave_only)
    {
      cc_bench_autosave (dir);
      g_rmdir (dir);
      return 0;
    }
  for (guint s = 0; s < G_N_ELEMENTS (sizes) && !frames_only && !handouts_only; s++)
    {
      guint n = sizes[s];
      guint runs = n >= 10000 ? 5 : 9;
      g_autofree char *path = g_strdup_printf ("%s/map-%u.concord", dir, n);
      g_autofree char *out_path = g_strdup_printf ("%s/out-%u.concord", dir, n);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(CcLoadResult) loaded = NULL;
      Ctx ctx = { 0 };
      double load, save, serialize, validate, pdf, parse, generate;

      ctx.bytes = cc_bench_generate_project (n);
      g_assert (g_file_set_contents (path, g_bytes_get_data (ctx.bytes, NULL),
                                     (gssize) g_bytes_get_size (ctx.bytes), NULL));
      ctx.file = g_file_new_for_path (path);
      ctx.out = g_file_new_for_path (out_path);
      loaded = cc_load_file (ctx.file, NULL, NULL);
      g_assert (loaded && cc_load_result_is_sound (loaded));
      ctx.project = loaded->project;
      g_assert (json_parser_load_from_data (parser, g_bytes_get_data (ctx.bytes, NULL),
                                            (gssize) g_bytes_get_size (ctx.bytes), NULL));
      ctx.tree = json_parser_get_root (parser);

      printf ("file_size_%u %.2f MB\n", n, g_bytes_get_size (ctx.bytes) / 1e6);
      load = median_ms (runs, run_load, &ctx);
      parse = median_ms (runs, run_json_parse, &ctx);
      validate = median_ms (runs, run_validate, &ctx);
      save = median_ms (runs, run_save, &ctx);
      serialize = median_ms (runs, run_serialize, &ctx);
      generate = median_ms (runs, run_json_generate, &ctx);
      pdf = median_ms (n >= 10000 ? 3 : runs, run_export_pdf, &ctx);
      printf ("load_%u %.2f ms\n", n, load);
      printf ("json_glib_parse_%u %.2f ms\n", n, parse);
      printf ("load_vs_parse_%u %.2f x\n", n, load / parse);
      printf ("validate_%u %.2f ms\n", n, validate);
      printf ("save_%u %.2f ms\n", n, save);
      printf ("serialize_%u %.2f ms\n", n, serialize);
      printf ("json_glib_generate_%u %.2f ms\n", n, generate);
      printf ("save_vs_generate_%u %.2f x\n", n, save / generate);
      printf ("serialize_vs_generate_%u %.2f x\n", n, serialize / generate);
      printf ("export_pdf_%u %.2f ms\n", n, pdf);
      fflush (stdout);

      g_file_delete (ctx.file, NULL, NULL);
      g_file_delete (ctx.out, NULL, NULL);
      g_object_unref (ctx.file);
      g_object_unref (ctx.out);
      g_bytes_unref (ctx.bytes);
    }
  if (!frames_only)
    bench_handouts (dir);
  if (!frames_only && !handouts_only)
    cc_bench_autosave (dir);
  if (!frames_only && !handouts_only)
    cc_bench_load ("/proc/self/exe", dir);
  g_rmdir (dir);
  if (!handouts_only)
    cc_bench_frames ();
  if (!frames_only && !handouts_only)
    cc_bench_startup ("/proc/self/exe");
  return 0;
}
