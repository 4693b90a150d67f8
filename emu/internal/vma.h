/* SPDX-License-Identifier: MIT */
/*
 * vma.h - VMAs and the mm: vm_flags, struct vm_area_struct and struct
 * mm_struct, and what creates, splits, merges and removes VMAs (vma.c,
 * mmap.c, mprotect.c, fork.c, zap.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_VMA_H
#define MMFUZZ_EMU_INTERNAL_VMA_H

#include "file.h"
#include "pgtable.h"

/* ------------------------------------------------------------------ */
/* VMAs, mm, files.                                                     */

#define VM_READ		(1u << 0)
#define VM_WRITE	(1u << 1)
#define VM_EXEC		(1u << 2)
#define VM_SHARED	(1u << 3)
#define VM_MAYREAD	(1u << 4)
#define VM_MAYWRITE	(1u << 5)
#define VM_MAYEXEC	(1u << 6)
#define VM_MAYSHARE	(1u << 7)
#define VM_DONTCOPY	(1u << 8)
#define VM_WIPEONFORK	(1u << 9)
#define VM_SOFTDIRTY	(1u << 10)
#define VM_HUGEPAGE	(1u << 11)
#define VM_NOHUGEPAGE	(1u << 12)
#define VM_HUGETLB	(1u << 13)
#define VM_MERGEABLE	(1u << 14)
#define VM_MIXEDMAP	(1u << 15)
#define VM_IO		(1u << 16)
#define VM_PFNMAP	(1u << 17)
/*
 * A VM_HUGETLB VMA of 1 GiB pages (hstate 1G); without it 2 MiB.  The
 * kernel finds the hstate through the hugetlbfs file behind the VMA.
 */
#define VM_HUGE_1G	(1u << 18)
#define VM_LOCKED	(1u << 19)	/* mlock(): never reclaimed */

struct mm_struct;

struct vm_area_struct {
	struct vm_area_struct *vm_next, *vm_prev;
	struct mm_struct *vm_mm;
	uint64_t vm_start, vm_end;
	unsigned int vm_flags;
	uint64_t vm_pgoff;		/* in pages */
	struct address_space *vm_file;
	bool anon_vma;			/* an anon_vma was prepared */
	/* hugetlb, private mappings: vm_private_data and its flags */
	struct resv_map *resv;
	unsigned int resv_flags;	/* HPAGE_RESV_* */
};

#define HPAGE_RESV_OWNER	(1u << 0)	/* the mmap()er: its pages are reserved */
#define HPAGE_RESV_UNMAPPED	(1u << 1)	/* the owner took a page away (failed COW) */

/* mm->flags */
#define MMF_HAS_PINNED	(1u << 0)

struct mm_struct {
	struct world *w;		/* the world it lives in */
	int pid;
	struct vm_area_struct *mmap;	/* sorted by address */
	struct pgd_table *pgd;
	unsigned int flags;
	unsigned long write_protect_seq;
	/*
	 * fork is still copying into this new mm: no thread of it runs yet,
	 * so even GUP-fast waits for the fork (the model lets a program
	 * name the child before its fork returned).
	 */
	bool dup_in_progress;
};

static inline bool is_cow_mapping(unsigned int flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * The entry bits vm_page_prot gives every new entry of @vma: PROT_NONE
 * VMAs (reached by FOLL_FORCE) get inaccessible entries.
 */
static inline unsigned int vma_prot_bits(const struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE) ? 0 : _PAGE_PROTNONE;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file;
}

static inline bool vma_is_shared_maywrite(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) ==
	       (VM_SHARED | VM_MAYWRITE);
}

static inline uint64_t linear_page_index(const struct vm_area_struct *vma,
					 uint64_t addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* ------------------------------------------------------------------ */
/* vma.c                                                                */

struct vm_area_struct *vma_lookup(struct mm_struct *mm, uint64_t addr);
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr);
struct vm_area_struct *vma_alloc(struct mm_struct *mm, uint64_t start,
				 uint64_t end, unsigned int flags,
				 struct address_space *file, uint64_t pgoff);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_unlink_free(struct world *w, struct vm_area_struct *vma);
struct vm_area_struct *split_vma(struct vm_area_struct *vma, uint64_t addr);
int vma_isolate_range(struct mm_struct *mm, uint64_t start, uint64_t end);
void vma_merge_range(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end);
bool range_fully_mapped(struct mm_struct *mm, uint64_t start, uint64_t end);
unsigned int calc_vm_prot_bits(unsigned int prot);

/* zap.c */
void zap_page_range(struct world *w, struct vm_area_struct *vma,
		    uint64_t start, uint64_t end);

/* fork.c */
int dup_mmap(struct world *w, struct mm_struct *oldmm, struct mm_struct *mm);

/* mmap.c */
int do_munmap(struct world *w, struct mm_struct *mm, uint64_t start,
	      uint64_t len);
void exit_mmap(struct world *w, struct mm_struct *mm);

/* mprotect.c */
bool can_change_pte_writable(struct world *w, struct vm_area_struct *vma,
			     uint64_t addr, pte_t pte);

#endif /* MMFUZZ_EMU_INTERNAL_VMA_H */
