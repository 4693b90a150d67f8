# MADV_POPULATE_WRITE over a range with a hole populates up to the hole.
# What: populate-write over [page 0, hole, page 2] of a private memfd mapping:
# Linux's madvise_populate() faults pages in address order (faultin_page_range)
# and returns ENOMEM when it reaches the hole; page 0 has been write-faulted by
# then (COW: a private copy of the file content), page 2 has not. A later
# pwrite() is therefore invisible at page 0 and visible at page 2.
# Why: §2.2 (private file write fault copies); mm/madvise.c madvise_populate
# (v6.12) loops over faultin_page_range and only fails at the first page
# without a VMA; program.md §4 (a private copy made without a store is stable).
file f0 memfd 3p
f0 write
p0 mmap r0 3p f0 private rw
p0 munmap r0+1p:1p
p0 madvise r0 populate-write
f0 write
p0 read r0:1p
p0 read r0+2p:1p
