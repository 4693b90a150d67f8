# MADV_REMOVE of a whole huge page of a hugetlbfs file that a long-term
# pin holds: the page leaves the file (remove_inode_hugepages() does not
# wait for pins), so the pin keeps the old content while the mapping
# faults in a zeroed page.  The munlock before it cuts nothing in the
# kernel (hugetlb VMAs are never locked) and must not make the removal
# look partial.
expect ok
config hugetlb=2m:4
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 memwrite r0:1p
p0 gup g0 r0:1p pin longterm
p0 munlock r0:1p
p0 madvise r0 remove
g0 read
p0 read r0:1p
