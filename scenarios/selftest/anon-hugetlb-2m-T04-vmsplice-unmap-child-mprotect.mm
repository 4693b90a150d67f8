# cow.c "vmsplice() + unmap in child with mprotect() optimization" with hugetlb (2m) (semantics.md §4.1 T04, §4.2 HTLB).
# What: as T3 with an mprotect round trip in the parent before its write.
# Why: the leaf stays read-only (no hugetlb write upgrade); the write fault
# reuses by mapcount: the known hugetlb-vmsplice leak (§4.2 F/X).
expect known hugetlb-vmsplice
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
g0 read
p0 read r0
