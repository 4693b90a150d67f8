# cow.c non-anon "Basic COW" with memfd hugetlb (1g) (semantics.md §4.4).
# What: a one-huge-page memfd-hugetlb-1g f0; mem (r0) is a MAP_PRIVATE writable
# mapping of it, smem (r1) a MAP_SHARED read-only one; smem is read first (cow.c
# fallocate()s the page; a private read of a hole would get an anon page),
# then mem: both map the page-cache folio.
# Why: a write fault on the R/O leaf of the page-cache folio in a COW mapping
# copies it into a new anon hugetlb folio (hugetlb_wp with the page-cache
# folio, which may use the mapping's reservation; §2.14); the page cache is
# never written through a private mapping (S6). All eras: P.
# Size: the first 64 KiB of the huge page are accessed and pinned.
file f0 memfd-hugetlb-1g 1g
p0 mmap r0 1g f0 private rw
p0 mmap r1 1g f0 shared r
p0 read r1:16p
p0 read r0:16p
p0 write r0:16p
p0 read r1:16p
p0 read r0:16p
