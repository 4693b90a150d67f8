# cow.c "R/O GUP pin on R/O-mapped exclusive page" with hugetlb (2m) (semantics.md §4.1 T13, §4.2 HTLB).
# What: mprotect(R), clear soft-dirty, mprotect(RW) (the leaf stays R/O),
# R/O long-term pin, write; the pin must see the write.
# Why: the folio is mapped once and anon: pinned in place, reused by the
# write (mapcount rule). Pass in every era.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
