# cow.c "R/O GUP-fast pin on R/O-mapped previously-shared page" with hugetlb (1g) (semantics.md §4.1 T12, §4.2 HTLB).
# What: as T11 with GUP-fast.
# Why: as T11; GUP-fast falls back to unshare 5.19+. Pass in every era.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p1 exit
p0 gup g0 r0:16p pin longterm fast
p0 write r0:16p
g0 read
p0 read r0:16p
