/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cc-text-setter"

#include "config.h"

#include <string.h>

#include "cc-text-setter.h"

/* Characters the setter takes, if the font has them: Latin letters, the
 * common punctuation, digits, symbols and spaces, all left to right. */
#define COVER_MAX 0x2200
#define TEXT_MAX  (64 * 1024)

typedef enum { SCRIPT_LATIN, SCRIPT_COMMON, N_SCRIPTS } Script;

typedef struct
{
  PangoFontMap         *font_map;          /* its fonts' and fontset's, kept for as long as they are */
  PangoFontDescription *desc;
  PangoFontset         *fontset;
  PangoItem            *sample[N_SCRIPTS]; /* how Pango itemizes text in this font */
  int                   ascent, descent;   /* of a line, Pango units */
  guint8                index;
  guint8                cover[COVER_MAX];  /* 0 not asked yet, 1 this font has it, 2 it does not */
} SetterFont;

/* A word shaped: its glyphs in the setter's store, from glyph_at on */
typedef struct
{
  guint    glyph_at;
  int      n_glyphs;
  int      length;    /* of its text, in bytes */
  int      width;     /* with the spaces after it */
  int      trailing;  /* of a white space character it ends with */
  gboolean drawable;  /* no glyph Pango would draw as a box or leave out */
} Word;

struct _CcTextSetter
{
  PangoContext     *context;
  GPtrArray        *fonts;    /* SetterFont, shared with what is set */
  GArray           *words;    /* Word */
  GArray           *glyphs;   /* PangoGlyphInfo: every word's, one after another */
  GArray           *clusters; /* int: each of those glyphs' byte in its word */
  GHashTable       *index;    /* font, script and text -> 1 + the word's place in words */
  GStringChunk     *keys;
  GHashTable       *tokens;   /* text -> its pieces (GArray of guint32) */
  GString          *key;
  PangoGlyphString *shaped;   /* the word being shaped */
  GArray           *pending;  /* PendingWord: the line being filled */
};

typedef struct
{
  guint32 offset, length;  /* bytes of the text */
  int     top;             /* Pango units from the top */
  int     x;               /* and from the left, as aligned */
  int     width;           /* less a space it wraps at */
  guint   glyph_from;      /* its glyphs in CcSetText.glyphs */
  guint   n_glyphs;
} SetLine;

/* Lines in one font, as cairo draws them */
typedef struct
{
  guint8 font;             /* 0 or 1: CcSetText.fonts */
  gsize  offset, length;   /* bytes of the text */
  guint  glyph_from, n_glyphs, cluster_from, n_clusters;
} SetRun;

struct _CcSetText
{
  const char     *text;
  SetterFont     *fonts[2];
  GArray         *lines;    /* SetLine */
  GArray         *runs;     /* SetRun */
  GArray         *glyphs;   /* cairo_glyph_t, placed from the top left */
  GArray         *clusters; /* cairo_text_cluster_t: each cluster of glyphs with its bytes */
  int             height;
  int             width;    /* of the measure, or 0 */
  PangoAlignment  align;
  guint           max_lines; /* or 0 */
};

/* A piece of a token, between two places the line may break: some of the
 * token's glyphs */
typedef struct
{
  guint    word;          /* the token's, in the setter's words */
  int      glyph_from, n_glyphs;  /* of the token's */
  gsize    offset, end;   /* bytes of the text */
  int      width;
  int      trailing;      /* of a space it ends with */
  gboolean break_before;  /* the line may break before it */
  gboolean inside;        /* ... inside its token */
} PendingWord;

#define WORD(setter, i) (&g_array_index ((setter)->words, Word, (i)))

static void
setter_font_clear (SetterFont *font)
{
  pango_font_description_free (font->desc);
  g_clear_object (&font->fontset);
  for (guint s = 0; s < N_SCRIPTS; s++)
    g_clear_pointer (&font->sample[s], pango_item_free);
  g_clear_object (&font->font_map);
}

static SetterFont *
setter_font_ref (SetterFont *font)
{
  return g_atomic_rc_box_acquire (font);
}

static void
setter_font_unref (SetterFont *font)
{
  g_atomic_rc_box_release_full (font, (GDestroyNotify) setter_font_clear);
}

CcTextSetter *
cc_text_setter_new (PangoContext *context)
{
  CcTextSetter *setter = g_new0 (CcTextSetter, 1);

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  setter->context = g_object_ref (context);
  setter->fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) setter_font_unref);
  setter->words = g_array_new (FALSE, FALSE, sizeof (Word));
  setter->glyphs = g_array_new (FALSE, FALSE, sizeof (PangoGlyphInfo));
  setter->clusters = g_array_new (FALSE, FALSE, sizeof (int));
  setter->index = g_hash_table_new (g_str_hash, g_str_equal);
  setter->keys = g_string_chunk_new (64 * 1024);
  setter->shaped = pango_glyph_string_new ();
  setter->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  setter->key = g_string_new (NULL);
  setter->pending = g_array_new (FALSE, FALSE, sizeof (PendingWord));
  return setter;
}

void
cc_text_setter_free (CcTextSetter *setter)
{
  if (setter == NULL)
    return;
  g_object_unref (setter->context);
  g_ptr_array_unref (setter->fonts);
  g_hash_table_unref (setter->index);
  g_string_chunk_free (setter->keys);
  g_array_unref (setter->words);
  g_array_unref (setter->glyphs);
  g_array_unref (setter->clusters);
  pango_glyph_string_free (setter->shaped);
  g_hash_table_unref (setter->tokens);
  g_string_free (setter->key, TRUE);
  g_array_unref (setter->pending);
  g_free (setter);
}

/* How Pango would itemize @sample in @font: its font, script and language */
static PangoItem *
sample_item (CcTextSetter *setter, const PangoFontDescription *desc, const char *sample)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  GList *items;
  PangoItem *item = NULL;

  pango_attr_list_insert (attrs, pango_attr_font_desc_new (desc));
  items = pango_itemize (setter->context, sample, 0, (int) strlen (sample), attrs, NULL);
  pango_attr_list_unref (attrs);
  if (items != NULL && items->next == NULL)
    item = items->data;
  else
    g_list_free_full (g_steal_pointer (&items), (GDestroyNotify) pango_item_free);
  g_list_free (items);
  return item;
}

static SetterFont *
setter_font (CcTextSetter *setter, const PangoFontDescription *desc)
{
  SetterFont *font;
  PangoFontDescription *merged;
  PangoGlyphString *glyphs;
  PangoRectangle logical;

  for (guint i = 0; i < setter->fonts->len; i++)
    {
      font = setter->fonts->pdata[i];
      if (pango_font_description_equal (font->desc, desc))
        return font->sample[SCRIPT_LATIN] != NULL ? font : NULL;
    }
  /* Each font's index is a byte of the word keys, never 0 */
  if (setter->fonts->len >= G_MAXUINT8 - 1)
    return NULL;

  font = g_atomic_rc_box_new0 (SetterFont);
  font->font_map = g_object_ref (pango_context_get_font_map (setter->context));
  font->desc = pango_font_description_copy (desc);
  font->index = (guint8) setter->fonts->len;
  g_ptr_array_add (setter->fonts, font);

  font->sample[SCRIPT_LATIN] = sample_item (setter, desc, "a");
  font->sample[SCRIPT_COMMON] = sample_item (setter, desc, "1");
  if (font->sample[SCRIPT_LATIN] == NULL || font->sample[SCRIPT_COMMON] == NULL
      || font->sample[SCRIPT_LATIN]->analysis.font != font->sample[SCRIPT_COMMON]->analysis.font
      || font->sample[SCRIPT_LATIN]->analysis.level != 0 || font->sample[SCRIPT_COMMON]->analysis.level != 0)
    {
      g_clear_pointer (&font->sample[SCRIPT_LATIN], pango_item_free);
      return NULL;
    }

  merged = pango_font_description_copy (pango_context_get_font_description (setter->context));
  pango_font_description_merge (merged, desc, TRUE);
  font->fontset = pango_context_load_fontset (setter->context, merged, pango_context_get_language (setter->context));
  pango_font_description_free (merged);

  /* A line's height, as Pango takes it from the glyphs on it */
  glyphs = pango_glyph_string_new ();
  pango_shape_with_flags ("a", 1, "a", 1, &font->sample[SCRIPT_LATIN]->analysis, glyphs, PANGO_SHAPE_NONE);
  pango_glyph_string_extents (glyphs, font->sample[SCRIPT_LATIN]->analysis.font, NULL, &logical);
  pango_glyph_string_free (glyphs);
  font->ascent = -logical.y;
  font->descent = logical.height + logical.y;
  if (font->fontset == NULL)
    g_clear_pointer (&font->sample[SCRIPT_LATIN], pango_item_free);
  return font->sample[SCRIPT_LATIN] != NULL ? font : NULL;
}

static gboolean
takes_char (gunichar c)
{
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x24f && c != 0xad) || (c >= 0x1e00 && c <= 0x1eff)
         || (c >= 0x2010 && c <= 0x2026) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20cf)
         || (c >= 0x2100 && c <= 0x21ff);
}

/* Whether Pango would set @c in @font itself, not a fallback */
static gboolean
font_has (SetterFont *font, gunichar c)
{
  if (font->cover[c] == 0)
    {
      PangoFont *chosen = pango_fontset_get_font (font->fontset, c);

      font->cover[c] = chosen == font->sample[SCRIPT_LATIN]->analysis.font && pango_font_has_char (chosen, c) ? 1 : 2;
      g_clear_object (&chosen);
    }
  return font->cover[c] == 1;
}

/* Where the line may break inside a token (a run of characters up to and
 * including the spaces after it): the ends of its pieces, in bytes, as
 * Pango's rules have them. A word of letters and digits has none. */
static const GArray *
token_pieces (CcTextSetter *setter, const char *text, gsize length)
{
  GArray *pieces;
  PangoLogAttr *attrs;
  g_autofree char *token = NULL;
  const char *p;
  int n_chars, i;

  /* Letters, digits and apostrophes, then perhaps a stop, comma, colon or
   * semicolon and the spaces (inside, such a stop can be a break: "A.1") */
  for (p = text; p < text + length && (g_ascii_isalnum (*p) || *p == '\''); p++)
    ;
  while (p < text + length && (*p == '.' || *p == ',' || *p == ';' || *p == ':'))
    p++;
  while (p < text + length && *p == ' ')
    p++;
  if (p == text + length)
    return NULL;

  token = g_strndup (text, length);
  pieces = g_hash_table_lookup (setter->tokens, token);
  if (pieces != NULL)
    return pieces;
  pieces = g_array_new (FALSE, FALSE, sizeof (guint32));
  n_chars = (int) g_utf8_strlen (token, (gssize) length);
  attrs = g_new0 (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (token, (int) length, -1, pango_context_get_language (setter->context), attrs, n_chars + 1);
  for (p = g_utf8_next_char (token), i = 1; i < n_chars; p = g_utf8_next_char (p), i++)
    if (attrs[i].is_line_break)
      {
        guint32 at = (guint32) (p - token);

        g_array_append_val (pieces, at);
      }
  g_free (attrs);
  g_hash_table_insert (setter->tokens, g_steal_pointer (&token), pieces);
  return pieces;
}

/* Whether the line may break at the spaces between a token ending in @before
 * and one beginning with @after: UAX #14's rules that reach across spaces
 * (LB13 to LB17), for the characters the setter takes. */
static gboolean
breaks_between (gunichar before, gunichar after)
{
  GUnicodeBreakType b = g_unichar_break_type (before), a = g_unichar_break_type (after);

  if (a == G_UNICODE_BREAK_CLOSE_PUNCTUATION || a == G_UNICODE_BREAK_CLOSE_PARANTHESIS
      || a == G_UNICODE_BREAK_EXCLAMATION || a == G_UNICODE_BREAK_INFIX_SEPARATOR || a == G_UNICODE_BREAK_SYMBOL)
    return FALSE;
  if (b == G_UNICODE_BREAK_OPEN_PUNCTUATION)
    return FALSE;
  if (b == G_UNICODE_BREAK_QUOTATION && a == G_UNICODE_BREAK_OPEN_PUNCTUATION)
    return FALSE;
  if ((b == G_UNICODE_BREAK_CLOSE_PUNCTUATION || b == G_UNICODE_BREAK_CLOSE_PARANTHESIS)
      && a == G_UNICODE_BREAK_NON_STARTER)
    return FALSE;
  if (b == G_UNICODE_BREAK_BEFORE_AND_AFTER && a == G_UNICODE_BREAK_BEFORE_AND_AFTER)
    return FALSE;
  return TRUE;
}

/* The token of @length bytes at @text, shaped once in @font, as a whole
 * (kerned across its hyphens and slashes): its place in the setter's words */
static guint
shaped_word (CcTextSetter *setter, SetterFont *font, Script script, const char *text, gsize length)
{
  PangoGlyphString *shaped = setter->shaped;
  Word word = { setter->glyphs->len, 0, (int) length, 0, 0, TRUE };
  const char *last;
  gpointer found;

  g_string_truncate (setter->key, 0);
  g_string_append_c (setter->key, (char) (1 + font->index));
  g_string_append_c (setter->key, (char) ('0' + script));
  g_string_append_len (setter->key, text, (gssize) length);
  found = g_hash_table_lookup (setter->index, setter->key->str);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  pango_shape_with_flags (text, (int) length, text, (int) length, &font->sample[script]->analysis, shaped,
                          PANGO_SHAPE_NONE);
  word.n_glyphs = shaped->num_glyphs;
  word.width = pango_glyph_string_get_width (shaped);
  last = g_utf8_find_prev_char (text, text + length);
  for (int g = 0; g < shaped->num_glyphs; g++)
    {
      if (shaped->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG || shaped->glyphs[g].glyph == PANGO_GLYPH_EMPTY)
        word.drawable = FALSE;
      /* Pango leaves out of a line's width the one white space character
       * it breaks after, or that ends the text */
      if (last != NULL && g_unichar_isspace (g_utf8_get_char (last)) && shaped->log_clusters[g] == last - text)
        word.trailing += shaped->glyphs[g].geometry.width;
    }
  g_array_append_vals (setter->glyphs, shaped->glyphs, (guint) shaped->num_glyphs);
  g_array_append_vals (setter->clusters, shaped->log_clusters, (guint) shaped->num_glyphs);
  g_array_append_val (setter->words, word);
  g_hash_table_insert (setter->index, g_string_chunk_insert_len (setter->keys, setter->key->str, (gssize) setter->key->len),
                       GUINT_TO_POINTER (setter->words->len));
  return setter->words->len - 1;
}

/* Where a line @line_w wide starts in a measure of @width, as Pango has it */
static int
align_line (PangoAlignment align, int width, int line_w)
{
  int x;

  if (width == 0 || align == PANGO_ALIGN_LEFT)
    return 0;
  if (align == PANGO_ALIGN_RIGHT)
    return width - line_w;
  x = (width - line_w) / 2;
  return ((width | line_w) & (PANGO_SCALE - 1)) == 0 ? PANGO_UNITS_ROUND (x) : x;
}

/* Ends the line being filled with its first @n_words words, from @start to
 * @end of the text; @wrapped if the line goes on after it. Its glyphs go
 * where cairo will draw them, each cluster of them with its bytes. */
static void
flush_line (CcTextSetter *setter, CcSetText *set, guint8 font_slot, gsize start, gsize end, guint n_words,
            gboolean wrapped)
{
  SetLine line = { (guint32) start, (guint32) (end - start), set->height, 0, 0, set->glyphs->len, 0 };
  SetterFont *font = set->fonts[font_slot];
  double baseline = (double) (set->height + font->ascent) / PANGO_SCALE;
  SetRun *run = set->runs->len > 0 ? &g_array_index (set->runs, SetRun, set->runs->len - 1) : NULL;
  cairo_glyph_t *out;
  cairo_text_cluster_t *cluster;
  guint n_clusters;
  int pen;

  for (guint i = 0; i < n_words; i++)
    line.width += g_array_index (setter->pending, PendingWord, i).width;
  /* As Pango does, a line wrapped at a space ends with that space of no
   * width, and is aligned without it */
  if (wrapped && n_words > 0)
    line.width -= g_array_index (setter->pending, PendingWord, n_words - 1).trailing;
  line.x = align_line (set->align, set->width, line.width);

  if (run == NULL || run->font != font_slot)
    {
      SetRun next = { font_slot, start, 0, set->glyphs->len, 0, set->clusters->len, 0 };

      g_array_append_val (set->runs, next);
      run = &g_array_index (set->runs, SetRun, set->runs->len - 1);
    }
  for (guint i = 0; i < n_words; i++)
    line.n_glyphs += (guint) g_array_index (setter->pending, PendingWord, i).n_glyphs;
  g_array_set_size (set->glyphs, line.glyph_from + line.n_glyphs);
  out = &g_array_index (set->glyphs, cairo_glyph_t, line.glyph_from);
  n_clusters = set->clusters->len;
  g_array_set_size (set->clusters, n_clusters + line.n_glyphs + 1);
  cluster = &g_array_index (set->clusters, cairo_text_cluster_t, 0);
  if (start > run->offset + run->length)
    /* The line break before this line: bytes of no glyph */
    cluster[n_clusters++] = (cairo_text_cluster_t) { (int) (start - run->offset - run->length), 0 };
  pen = line.x;
  for (guint i = 0; i < n_words; i++)
    {
      const PendingWord *piece = &g_array_index (setter->pending, PendingWord, i);
      const Word *word = WORD (setter, piece->word);
      const PangoGlyphInfo *infos = &g_array_index (setter->glyphs, PangoGlyphInfo, word->glyph_at);
      const int *clusters = &g_array_index (setter->clusters, int, word->glyph_at);

      /* The token's clusters, bytes of the token: a line holds whole tokens */
      for (int g = piece->glyph_from; g < piece->glyph_from + piece->n_glyphs; g++)
        {
          *out++ = (cairo_glyph_t) { infos[g].glyph, (double) (pen + infos[g].geometry.x_offset) / PANGO_SCALE,
                                     baseline + (double) infos[g].geometry.y_offset / PANGO_SCALE };
          pen += infos[g].geometry.width;
          if (g > piece->glyph_from && clusters[g] == clusters[g - 1])
            {
              cluster[n_clusters - 1].num_glyphs++;
              continue;
            }
          cluster[n_clusters] = (cairo_text_cluster_t) { word->length - clusters[g], 1 };
          for (int k = g + 1; k < word->n_glyphs; k++)
            if (clusters[k] != clusters[g])
              {
                cluster[n_clusters].num_bytes = clusters[k] - clusters[g];
                break;
              }
          n_clusters++;
        }
    }
  g_array_set_size (set->clusters, n_clusters);
  g_array_remove_range (setter->pending, 0, n_words);
  run->length = end - run->offset;
  run->n_glyphs = set->glyphs->len - run->glyph_from;
  run->n_clusters = set->clusters->len - run->cluster_from;
  set->height += font->ascent + font->descent;
  g_array_append_val (set->lines, line);
}

/* The width of the pieces waiting for a line, less a white space character
 * at their end that the line could break after or that ends the text: not
 * one before a line break (@hard_end, if @newline_after) */
static int
pending_width (CcTextSetter *setter, gsize hard_end, gboolean newline_after)
{
  const PendingWord *last;
  int width = 0;

  for (guint i = 0; i < setter->pending->len; i++)
    width += g_array_index (setter->pending, PendingWord, i).width;
  if (setter->pending->len == 0)
    return 0;
  last = &g_array_index (setter->pending, PendingWord, setter->pending->len - 1);
  return newline_after && last->end == hard_end ? width : width - last->trailing;
}

/* Adds a piece to the line being filled; while the line is too wide, ends
 * it at its last break. FALSE if it has none (a word wider than the
 * measure), or if that is inside a token: Pango shapes the two parts of a
 * token broken there apart, and sets it. */
static gboolean
add_word (CcTextSetter *setter, CcSetText *set, guint8 font_slot, gsize *line_start, const PendingWord *word,
          int width, gsize hard_end, gboolean newline_after)
{
  g_array_append_val (setter->pending, *word);
  while (pending_width (setter, hard_end, newline_after) > width)
    {
      guint k = setter->pending->len - 1;
      gsize at;

      while (k > 0 && !g_array_index (setter->pending, PendingWord, k).break_before)
        k--;
      if (k == 0 || g_array_index (setter->pending, PendingWord, k).inside)
        return FALSE;
      at = g_array_index (setter->pending, PendingWord, k).offset;
      flush_line (setter, set, font_slot, *line_start, at, k, TRUE);
      *line_start = at;
    }
  return TRUE;
}

/* Breaks the line of text from @start to @end (no line break in it, one
 * after it if @newline_after) into lines of at most @width. FALSE if a word
 * is wider than that, or the line must break inside a token. */
static gboolean
set_hard_line (CcTextSetter *setter, CcSetText *set, guint8 font_slot, gsize start, gsize end, int width,
               gboolean newline_after)
{
  SetterFont *font = set->fonts[font_slot];
  const char *text = set->text;
  Script script = SCRIPT_COMMON;
  gsize line_start = start, at = start;
  gunichar last = 0, before = 0;  /* the last characters of this token and the one before */

  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_LATIN)
      {
        script = SCRIPT_LATIN;
        break;
      }
  g_array_set_size (setter->pending, 0);
  while (at < end)
    {
      const char *p = text + at;
      const GArray *pieces;
      const PangoGlyphInfo *infos;
      const int *clusters;
      gsize token_end, from = at;
      gunichar first = g_utf8_get_char (p);
      guint token;
      int n_glyphs;

      /* A token: what runs to the next space, with the spaces after it; or
       * the spaces a line begins with, after which it may break */
      while (p < text + end && *p != ' ')
        {
          gunichar c = g_utf8_get_char (p);

          p = g_utf8_next_char (p);
          if (p >= text + end || *p == ' ')
            last = c;
        }
      while (p < text + end && *p == ' ')
        p++;
      token_end = (gsize) (p - text);
      pieces = token_pieces (setter, text + at, token_end - at);
      token = shaped_word (setter, font, script, text + at, token_end - at);
      if (!WORD (setter, token)->drawable)
        return FALSE;
      clusters = &g_array_index (setter->clusters, int, WORD (setter, token)->glyph_at);
      infos = &g_array_index (setter->glyphs, PangoGlyphInfo, WORD (setter, token)->glyph_at);
      n_glyphs = WORD (setter, token)->n_glyphs;
      for (guint i = 0, g = 0; i <= (pieces != NULL ? pieces->len : 0); i++)
        {
          gsize to = pieces != NULL && i < pieces->len ? at + g_array_index (pieces, guint32, i) : token_end;
          PendingWord word = { token, (int) g, 0, from, to, 0, 0, TRUE, i > 0 };

          for (; (int) g < n_glyphs && (gsize) clusters[g] < to - at; g++)
            word.width += infos[g].geometry.width;
          word.n_glyphs = (int) g - word.glyph_from;
          if (to == token_end)
            word.trailing = WORD (setter, token)->trailing;
          if (i == 0)
            word.break_before = from > start && (before == ' ' || breaks_between (before, first));
          if (!add_word (setter, set, font_slot, &line_start, &word, width, end, newline_after))
            return FALSE;
          /* More lines than allowed: Pango ends the last with an ellipsis */
          if (set->max_lines > 0 && set->lines->len >= set->max_lines)
            return FALSE;
          from = to;
        }
      before = first == ' ' ? ' ' : last;
      at = token_end;
    }
  flush_line (setter, set, font_slot, line_start, end, setter->pending->len, FALSE);
  return TRUE;
}

CcSetText *
cc_text_setter_set (CcTextSetter               *setter,
                    const char                 *text,
                    const PangoFontDescription *font,
                    gsize                       second_at,
                    const PangoFontDescription *second_font,
                    double                      width,
                    PangoAlignment              align,
                    guint                       max_lines)
{
  g_autoptr(CcSetText) set = NULL;
  SetterFont *fonts[2];
  gsize length, start = 0;
  int max_w;

  g_return_val_if_fail (setter != NULL, NULL);
  g_return_val_if_fail (text != NULL && font != NULL, NULL);

  /* A text of book length is Pango's: only it can end a page with an ellipsis */
  length = strnlen (text, TEXT_MAX + 1);
  if (length > TEXT_MAX)
    return NULL;
  if (second_at > length || (second_at > 0 && (second_font == NULL || text[second_at - 1] != '\n')))
    return NULL;
  if (width * PANGO_SCALE > G_MAXINT / 4)
    return NULL;
  max_w = width > 0 ? (int) (width * PANGO_SCALE) : G_MAXINT / 4;
  fonts[0] = setter_font (setter, font);
  fonts[1] = second_at > 0 ? setter_font (setter, second_font) : fonts[0];
  if (fonts[0] == NULL || fonts[1] == NULL)
    return NULL;

  /* Only text Pango would set in these fonts, left to right */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        continue;
      if (!takes_char (c) || !font_has (fonts[(gsize) (p - text) >= second_at && second_at > 0], c))
        return NULL;
    }

  set = g_new0 (CcSetText, 1);
  set->text = text;
  set->fonts[0] = setter_font_ref (fonts[0]);
  set->fonts[1] = setter_font_ref (fonts[1]);
  set->width = width > 0 ? max_w : 0;
  set->align = align;
  set->max_lines = max_lines;
  set->lines = g_array_new (FALSE, FALSE, sizeof (SetLine));
  set->runs = g_array_new (FALSE, FALSE, sizeof (SetRun));
  /* About a glyph a byte in these scripts */
  set->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), (guint) length);
  set->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), (guint) length + 4);
  /* Line by line; a line break at the very end begins an empty last line,
   * as in Pango */
  for (;;)
    {
      const char *newline = memchr (text + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - text) : length;
      guint8 slot = second_at > 0 && start >= second_at;

      if (!set_hard_line (setter, set, slot, start, end, max_w, newline != NULL))
        return NULL;
      if (max_lines > 0 && set->lines->len > max_lines)
        return NULL;
      if (newline == NULL)
        break;
      start = end + 1;
    }
  /* With a limit, Pango ends a last line wider than the measure (by the
   * spaces after it) with an ellipsis */
  if (max_lines > 0 && set->width > 0
      && g_array_index (set->lines, SetLine, set->lines->len - 1).width > set->width)
    return NULL;
  /* Unwrapped lines are aligned in the widest, as Pango does */
  if (set->width == 0 && align != PANGO_ALIGN_LEFT)
    {
      int widest = 0;

      for (guint i = 0; i < set->lines->len; i++)
        widest = MAX (widest, g_array_index (set->lines, SetLine, i).width);
      for (guint i = 0; i < set->lines->len; i++)
        {
          SetLine *line = &g_array_index (set->lines, SetLine, i);

          line->x = align_line (align, widest, line->width);
          for (guint g = line->glyph_from; g < line->glyph_from + line->n_glyphs; g++)
            g_array_index (set->glyphs, cairo_glyph_t, g).x += (double) line->x / PANGO_SCALE;
        }
    }
  return g_steal_pointer (&set);
}

double
cc_set_text_get_height (const CcSetText *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return (double) set->height / PANGO_SCALE;
}

double
cc_set_text_get_width (const CcSetText *set)
{
  int left = G_MAXINT, right = G_MININT;

  g_return_val_if_fail (set != NULL, 0);

  for (guint i = 0; i < set->lines->len; i++)
    {
      const SetLine *line = &g_array_index (set->lines, SetLine, i);

      left = MIN (left, line->x);
      right = MAX (right, line->x + line->width);
    }
  return set->lines->len > 0 ? (double) (right - left) / PANGO_SCALE : 0;
}

guint
cc_set_text_get_n_lines (const CcSetText *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->lines->len;
}

void
cc_set_text_get_line (const CcSetText *set, guint line, gsize *start, gsize *length, double *x)
{
  const SetLine *l;

  g_return_if_fail (set != NULL && line < set->lines->len);
  l = &g_array_index (set->lines, SetLine, line);
  if (start)
    *start = l->offset;
  if (length)
    *length = l->length;
  if (x)
    *x = (double) l->x / PANGO_SCALE;
}

void
cc_set_text_draw (const CcSetText *set, cairo_t *cr, double x, double y, cairo_pattern_t *second_source)
{
  gboolean with_text;

  g_return_if_fail (set != NULL);

  with_text = cairo_surface_has_show_text_glyphs (cairo_get_target (cr));
  cairo_save (cr);
  cairo_translate (cr, x, y);
  for (guint i = 0; i < set->runs->len; i++)
    {
      const SetRun *run = &g_array_index (set->runs, SetRun, i);
      PangoFont *font = set->fonts[run->font]->sample[SCRIPT_LATIN]->analysis.font;

      cairo_glyph_t *glyphs = &g_array_index (set->glyphs, cairo_glyph_t, run->glyph_from);

      if (run->n_glyphs == 0)
        continue;
      if (run->font == 1 && second_source != NULL)
        cairo_set_source (cr, second_source);
      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)));
      if (with_text)
        cairo_show_text_glyphs (cr, set->text + run->offset, (int) run->length, glyphs, (int) run->n_glyphs,
                                &g_array_index (set->clusters, cairo_text_cluster_t, run->cluster_from),
                                (int) run->n_clusters, 0);
      else
        cairo_show_glyphs (cr, glyphs, (int) run->n_glyphs);
    }
  cairo_restore (cr);
}

void
cc_set_text_free (CcSetText *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->lines, g_array_unref);
  g_clear_pointer (&set->runs, g_array_unref);
  g_clear_pointer (&set->glyphs, g_array_unref);
  g_clear_pointer (&set->clusters, g_array_unref);
  g_clear_pointer (&set->fonts[0], setter_font_unref);
  g_clear_pointer (&set->fonts[1], setter_font_unref);
  g_free (set);
}
