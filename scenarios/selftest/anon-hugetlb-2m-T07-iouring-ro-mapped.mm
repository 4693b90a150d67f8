# cow.c "R/O-mapping a page registered as iouring fixed buffer" with hugetlb (2m) (semantics.md §4.1 T07, §4.2 HTLB).
# What: register as an io_uring fixed buffer, mprotect(R), clear soft-dirty,
# mprotect(RW), write; the buffer must see the write.
# Why: the leaf stays read-only; the write fault finds mapcount 1 and
# reuses the pinned folio (mapcount rule, §2.2), so the pin stays coherent
# (P1). Pass in every era (§4.2 T7 HTLB).
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 iouring g0 r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
g0 read
p0 read r0
