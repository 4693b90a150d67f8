# cow.c "R/O GUP-fast pin on R/O-mapped exclusive page" with hugetlb (2m) (semantics.md §4.1 T14, §4.2 HTLB).
# What: as T13 with GUP-fast.
# Why: GUP-fast pins the R/O leaf of a PAE folio directly (5.19+) or any
# (before); the write reuses it. Pass in every era.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
