// SPDX-License-Identifier: MIT
/*
 * hashmap.c - open-addressing map from 64-bit keys to 64-bit values with
 * a small tag, for the oracle's sparse per-page state.  Deterministic:
 * iteration order depends only on the sequence of operations.
 */
#include "ohash.h"

#include "mmarena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define EMPTY	0
#define USED	1
#define GONE	2

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

void ohash_init(struct ohash *h, struct mm_arena *arena)
{
	memset(h, 0, sizeof(*h));
	h->arena = arena;
}

void ohash_free(struct ohash *h)
{
	mm_arena_free(h->arena, h->slots);
	ohash_init(h, h->arena);
}

/* The lookups: hot, and without meaning for coverage. */
O_NOCOV_BEGIN

static struct ohash_slot *find(const struct ohash *h, uint64_t key)
{
	if (!h->cap)
		return NULL;
	for (size_t i = mix(key) & (h->cap - 1), n = 0; n < h->cap;
	     i = (i + 1) & (h->cap - 1), n++) {
		struct ohash_slot *s = &h->slots[i];

		if (s->state == EMPTY)
			return NULL;
		if (s->state == USED && s->key == key)
			return s;
	}
	return NULL;
}

const struct ohash_slot *ohash_get(const struct ohash *h, uint64_t key)
{
	return find(h, key);
}

/*
 * Rehash when live keys and deleted ones fill three quarters: to twice
 * the size if the live keys alone fill half, else to the same size, so
 * that put/delete cycles over a few keys (pages written, then unmapped)
 * neither grow the table without bound nor lengthen every probe.
 */
static void grow(struct ohash *h)
{
	struct ohash old = *h;

	h->cap = !old.cap ? 16 : old.used * 2 > old.cap ? old.cap * 2 : old.cap;
	h->slots = mm_arena_zalloc(h->arena, h->cap * sizeof(*h->slots));
	h->used = h->filled = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].state == USED)
			ohash_put(h, old.slots[i].key, old.slots[i].value,
				  old.slots[i].tag);
	mm_arena_free(h->arena, old.slots);
}

void ohash_put(struct ohash *h, uint64_t key, uint64_t value, uint8_t tag)
{
	struct ohash_slot *s = find(h, key);

	if (s) {
		s->value = value;
		s->tag = tag;
		return;
	}
	if ((h->filled + 1) * 4 > h->cap * 3)
		grow(h);
	for (size_t i = mix(key) & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
		s = &h->slots[i];
		if (s->state == USED)
			continue;
		if (s->state == EMPTY)
			h->filled++;
		s->state = USED;
		s->key = key;
		s->value = value;
		s->tag = tag;
		h->used++;
		return;
	}
}

void ohash_del(struct ohash *h, uint64_t key)
{
	struct ohash_slot *s = find(h, key);

	if (s) {
		s->state = GONE;
		h->used--;
	}
}

/* Delete every key in [lo, hi). */
void ohash_del_range(struct ohash *h, uint64_t lo, uint64_t hi)
{
	for (size_t i = 0; i < h->cap; i++)
		if (h->slots[i].state == USED && h->slots[i].key >= lo &&
		    h->slots[i].key < hi) {
			h->slots[i].state = GONE;
			h->used--;
		}
}

O_NOCOV_END

void ohash_copy(struct ohash *dst, const struct ohash *src)
{
	ohash_init(dst, src->arena);
	for (size_t i = 0; i < src->cap; i++)
		if (src->slots[i].state == USED)
			ohash_put(dst, src->slots[i].key, src->slots[i].value,
				  src->slots[i].tag);
}
