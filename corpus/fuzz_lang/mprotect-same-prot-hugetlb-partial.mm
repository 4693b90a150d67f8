# mprotect() of part of a hugetlb mapping to the protection it has is no
# change: the kernel neither splits the VMA (which would fail off a huge
# page boundary) nor touches an entry.  A later write to that page of a
# private mapping of a hugetlbfs file copies the whole huge page, with
# what the file held on its other pages.
expect ok
config hugetlb=2m:8
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 fork p1
p0 mmap r1 2m f0 private rw
p1 write r0:1p
p0 mprotect r1+34p:1p rw
p0 write r1+34p:1p
p0 read r1:1p
