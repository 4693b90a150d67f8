# cow.c non-anon "R/O longterm GUP pin" with memfd hugetlb (2m) (semantics.md §4.4).
# What: a one-huge-page memfd-hugetlb f0; mem (r0) is a MAP_PRIVATE writable
# mapping of it, smem (r1) a MAP_SHARED read-only one; smem is read first (cow.c
# fallocate()s the page; a private read of a hole would get an anon page),
# then mem: both map the page-cache folio.
# Why: 6.2+ the R/O long-term pin of a page-cache folio in a COW mapping
# unshares (84209e87c696; §2.3, §2.17): mem gets an exclusive anon copy,
# mapped R/O, and the pin lands on it; the write reuses it. Before 6.2 the
# pin holds the page-cache folio and the write copies away from it (P3):
# 5.7, 5.9, 5.18 and 5.19 fail (§4.4).
# Size: the first 64 KiB of the huge page are accessed and pinned.
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 private rw
p0 mmap r1 2m f0 shared r
p0 read r1:16p
p0 read r0:16p
p0 gup g0 r0:16p pin longterm
p0 write r0:16p
g0 read
p0 read r0:16p
p0 read r1:16p
