# cow.c "vmsplice() + unmap in child with mprotect() optimization" with hugetlb (1g) (semantics.md §4.1 T04, §4.2 HTLB).
# What: as T3 with an mprotect round trip in the parent before its write.
# Why: the leaf stays read-only (no hugetlb write upgrade); the write fault
# reuses by mapcount: the known hugetlb-vmsplice leak (§4.2 F/X).
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
expect known hugetlb-vmsplice
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p1 vmsplice g0 r0:16p
p1 munmap r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0:16p
g0 read
p0 read r0:16p
