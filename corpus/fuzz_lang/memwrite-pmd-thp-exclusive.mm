# A FOLL_FORCE write into a PMD-mapped exclusive THP of a PROT_NONE
# mapping: the head page's exclusivity covers the page written (found by
# fuzz_mm: the F4 check looked at the subpage).
p0 mmap r0 2m anon private rw
p0 mmap r2 2m anon private rw hugetlb
p0 fork p1
p0 write r0+1p:1p
p0 read r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 madvise r0 collapse
p0 mprotect r0 none
p0 write r0:1p
p0 madvise r0 nohugepage
compact
compact
compact
p0 memwrite r0:2p
p0 mmap r1 2m anon private rw hugetlb
p0 write r1:1p
p0 read r1:16p
p0 write r2:1p
p0 mprotect r0+18p:1p rw
