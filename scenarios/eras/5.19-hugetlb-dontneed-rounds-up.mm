# MADV_DONTNEED on hugetlb, kernels 5.18 - 6.0 (90e7e7f5ef3f): the end of
# the range was rounded up to the huge page size, so asking to discard the
# first 4 KiB discarded the whole 2 MiB page, data the caller never gave
# up. 8ebe0a5eaaeb (6.1) rounds down instead: nothing is discarded.
era 5.19
expect violation isolation/I1
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:2p
p0 madvise r0:1p dontneed
p0 read r0+1p:1p
