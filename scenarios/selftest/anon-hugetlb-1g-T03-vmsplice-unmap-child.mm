# cow.c "vmsplice() + unmap in child" with hugetlb (1g) (semantics.md §4.1 T03, §4.2 HTLB).
# What: fork; the child vmsplices (FOLL_GET, R/O) and unmaps; the parent
# writes; the pipe must return the old data.
# Why: after the child's munmap the parent is the only mapper: hugetlb_wp
# reuses by mapcount == 1 in every era (b8a2528835b3, §2.2), ignoring the
# pipe's reference, so the pipe sees the write: reported as the known
# behaviour hugetlb-vmsplice (program.md §6; cow.c XFAIL; §4.2 F/X).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
expect known hugetlb-vmsplice
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p1 vmsplice g0 r0:16p
p1 munmap r0
p0 write r0:16p
g0 read
p0 read r0:16p
