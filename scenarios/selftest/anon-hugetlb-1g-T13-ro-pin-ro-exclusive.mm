# cow.c "R/O GUP pin on R/O-mapped exclusive page" with hugetlb (1g) (semantics.md §4.1 T13, §4.2 HTLB).
# What: mprotect(R), clear soft-dirty, mprotect(RW) (the leaf stays R/O),
# R/O long-term pin, write; the pin must see the write.
# Why: the folio is mapped once and anon: pinned in place, reused by the
# write (mapcount rule). Pass in every era.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0:16p pin longterm
p0 write r0:16p
g0 read
p0 read r0:16p
