# cow.c "R/O GUP-fast pin on R/O-mapped shared page" with hugetlb (2m) (semantics.md §4.1 T10, §4.2 HTLB).
# What: as T9 with GUP-fast.
# Why: GUP-fast must-unshare on the leaf (anon, head not PAE) falls back to
# the slow path, which unshares (§2.18). Fails before 5.19 (P2).
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p1 read r0
p0 read r0
