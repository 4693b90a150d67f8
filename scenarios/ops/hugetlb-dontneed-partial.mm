# MADV_DONTNEED of part of a huge page (6.1+, 8ebe0a5eaaeb): a caller that
# rounded its length to 4 KiB may not know the mapping has 2 MiB pages, so
# the kernel discards only the huge pages wholly inside the range: a range
# shorter than a huge page succeeds and discards nothing. A range starting
# inside a huge page is refused (EINVAL). Checked against Linux 6.18.
# Why: §2.14 (hugetlb), madvise_dontneed_free_valid_vma().
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:2p
p0 madvise r0:1p dontneed
p0 read r0:2p
p0 madvise r0+1p:1p dontneed
p0 read r0:2p
p0 mmap r1 2m anon shared rw hugetlb
p0 write r1:1p
p0 fork p1
p1 madvise r1:64p dontneed
p1 read r1:1p
p0 madvise r0 dontneed
p0 read r0:2p
