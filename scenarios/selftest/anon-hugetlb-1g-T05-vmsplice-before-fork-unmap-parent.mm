# cow.c "vmsplice() before fork(), unmap in parent after fork()" with hugetlb (1g) (semantics.md §4.1 T05, §4.2 HTLB).
# What: the parent vmsplices, forks, unmaps; the child writes; the parent's
# pipe must still return the old data.
# Why: the child is the only mapper after the parent's munmap, so its write
# reuses the folio the pipe references: the known hugetlb-vmsplice leak in
# every era (§4.2: F, X).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
expect known hugetlb-vmsplice
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 vmsplice g0 r0:16p
p0 fork p1
p0 munmap r0
p1 write r0:16p
g0 read
p1 read r0:16p
p1 exit
g0 read
