# cow.c "R/O GUP-fast pin on R/O-mapped shared page" with hugetlb (1g) (semantics.md §4.1 T10, §4.2 HTLB).
# What: as T9 with GUP-fast.
# Why: GUP-fast must-unshare on the leaf (anon, head not PAE) falls back to
# the slow path, which unshares (§2.18). Fails before 5.19 (P2).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p0 gup g0 r0:16p pin longterm fast
p0 write r0:16p
g0 read
p1 read r0:16p
p0 read r0:16p
