# mlock() of one page of a private mapping of a hugetlbfs file faults it
# in for writing: the process gets its own copy of the whole huge page,
# with what the file held on the other pages (hugetlb VMAs are never
# VM_LOCKED, but mlock still populates them).
expect ok
config hugetlb=2m:8
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 mmap r1 2m f0 private rw
p0 write r0:1p
p0 mlock r1+34p:1p
p0 write r0:1p
p0 read r1:1p
