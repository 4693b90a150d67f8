# A driver mapping cannot replace part of a hugetlb page (found by fuzz_mm).
# What: p0 maps 2m of hugetlb memory, pins and writes part of it, then maps
# a character device over its first 4 KiB with MAP_FIXED: unmapping part of
# a huge page fails, so the mmap fails with EINVAL and the hugetlb mapping
# stays whole, its content and pin intact; a driver mapping of a whole huge
# page replaces it.
# Why: §2.14 (hugetlb: partial munmap refused), §2.23.
p0 mmap r0 2m anon private rw hugetlb
p0 read r0:1p
p0 gup g0 r0:16p pin longterm
p0 write r0:16p
p0 mmap r0 1p driver private none
g0 read
p0 read r0:1p
p0 mmap r0 2m driver private r
p0 read r0:1p
p0 insert-zeropage r0:1p
p0 read r0:1p
g0 read
