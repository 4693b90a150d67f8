# cow.c "R/O-mapping a page registered as iouring fixed buffer" with hugetlb (1g) (semantics.md §4.1 T07, §4.2 HTLB).
# What: register as an io_uring fixed buffer, mprotect(R), clear soft-dirty,
# mprotect(RW), write; the buffer must see the write.
# Why: the leaf stays read-only; the write fault finds mapcount 1 and
# reuses the pinned folio (mapcount rule, §2.2), so the pin stays coherent
# (P1). Pass in every era (§4.2 T7 HTLB).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 iouring g0 r0:16p
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0:16p
g0 read
p0 read r0:16p
