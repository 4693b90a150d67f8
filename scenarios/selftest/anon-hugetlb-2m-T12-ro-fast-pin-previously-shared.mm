# cow.c "R/O GUP-fast pin on R/O-mapped previously-shared page" with hugetlb (2m) (semantics.md §4.1 T12, §4.2 HTLB).
# What: as T11 with GUP-fast.
# Why: as T11; GUP-fast falls back to unshare 5.19+. Pass in every era.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 exit
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
