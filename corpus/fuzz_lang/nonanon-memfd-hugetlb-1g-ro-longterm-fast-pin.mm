# cow.c non-anon "R/O longterm GUP-fast pin" with memfd hugetlb (1g) (semantics.md §4.4).
# What: a one-huge-page memfd-hugetlb-1g f0; mem (r0) is a MAP_PRIVATE writable
# mapping of it, smem (r1) a MAP_SHARED read-only one; smem is read first (cow.c
# fallocate()s the page; a private read of a hole would get an anon page),
# then mem: both map the page-cache folio.
# Why: as the slow pin; GUP-fast cannot tell a COW mapping without the VMA,
# so a long-term R/O pin of a page-cache folio falls back to the slow path
# (6.2+), which unshares. Before 6.2 it pins the page-cache folio (P3).
# Size: the first 64 KiB of the huge page are accessed and pinned.
file f0 memfd-hugetlb-1g 1g
p0 mmap r0 1g f0 private rw
p0 mmap r1 1g f0 shared r
p0 read r1:16p
p0 read r0:16p
p0 gup g0 r0:16p pin longterm fast
p0 write r0:16p
g0 read
p0 read r0:16p
p0 read r1:16p
