# cow.c "vmsplice() + unmap in child" with hugetlb in era 5.8 (semantics
# §4.2 T3 HTLB, column B): the one era where it does not leak. The
# child's vmsplice is done as a write GUP (17839856fd58, also for
# hugetlb), so the child copies the huge page first (hugetlb_cow(),
# mapcount 2) and its pipe holds that copy; the parent, the only mapper
# of the old page after the child's munmap, reuses it by mapcount and the
# pipe keeps the old data. Every other era reports the known behaviour
# hugetlb-vmsplice (selftest/anon-hugetlb-2m-T03-vmsplice-unmap-child.mm).
era 5.8
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 write r0
g0 read
p0 read r0
