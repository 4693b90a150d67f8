# cow.c "vmsplice() + unmap in parent after fork()" with hugetlb (1g) (semantics.md §4.1 T06, §4.2 HTLB).
# What: fork; the parent vmsplices the shared huge page and unmaps it; the
# child writes; the pipe must still return the old data.
# Why: vmsplice never unshares (FOLL_GET); the child's write sees mapcount 1
# and reuses: the known hugetlb-vmsplice leak (§4.2: F, X).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
expect known hugetlb-vmsplice
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p0 vmsplice g0 r0:16p
p0 munmap r0
p1 write r0:16p
g0 read
p1 read r0:16p
p1 exit
g0 read
