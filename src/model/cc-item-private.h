/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cc-item.h"

G_BEGIN_DECLS

struct _CcItem
{
  grefcount    ref_count;
  CcKind       kind;
  char        *id;
  CcItem      *parent;   /* not owned */
  guint        slot;     /* slot of the parent we are in */
  guint        file_index; /* where the loader found it among its siblings */
  CcValue     *values;   /* one per field of the kind */
  GPtrArray  **slots;    /* one array of owned children per slot */
  GBytes      *extra;    /* unknown members as compact text, or NULL */
  GBytes      *text;     /* the writer's compact JSON of the item, or NULL */
  GPtrArray  **slot_text; /* the writer's pieces of each slot's array, or NULL */
};

G_END_DECLS
