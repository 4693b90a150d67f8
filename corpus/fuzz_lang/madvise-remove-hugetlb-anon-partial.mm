# MADV_REMOVE of part of a huge page of a shared anonymous hugetlb
# mapping (a hugetlbfs file inside) zeroes that part in place
# (hugetlbfs_zero_partial_page): the page stays the file's, so a pin on
# it keeps seeing what the process writes there (found by fuzz_mm).
expect ok
p0 mmap r0 2m anon shared rw hugetlb
p0 gup g0 r0:1p pin
p0 madvise r0:1p remove
p0 write r0:1p
g0 read
