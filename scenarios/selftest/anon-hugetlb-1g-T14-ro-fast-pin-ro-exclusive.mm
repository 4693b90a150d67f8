# cow.c "R/O GUP-fast pin on R/O-mapped exclusive page" with hugetlb (1g) (semantics.md §4.1 T14, §4.2 HTLB).
# What: as T13 with GUP-fast.
# Why: GUP-fast pins the R/O leaf of a PAE folio directly (5.19+) or any
# (before); the write reuses it. Pass in every era.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0:16p pin longterm fast
p0 write r0:16p
g0 read
p0 read r0:16p
