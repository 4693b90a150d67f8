# MADV_REMOVE on a hugetlbfs file removes whole huge pages from every
# mapping of the file, the private copies of other mappings too (the
# kernel unmaps the huge page from each VMA of the file); the next
# access faults in a zeroed page.  Checked on 6.18.
expect ok
config hugetlb=2m:8
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 write r0:1p
p0 mmap r1 2m f0 private rw
p0 write r1+1p:1p
p0 madvise r0 remove
p0 read r0:2p
p0 read r1:2p
