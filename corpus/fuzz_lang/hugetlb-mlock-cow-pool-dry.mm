# mlock of a private hugetlb mapping when the pool is dry (found by fuzz_mm):
# mlock populates writable private mappings with write faults; the
# first maps the file's page read-only, the COW then finds no free huge
# page (p0's own is held by its io_uring pin after DONTNEED, two more went
# to fork's copies of it), so mlock fails (ENOMEM) with the file's page
# mapped: p0 sees p1's later write to the file. Checked on Linux 6.18.
# Why: §2.14 (hugetlb pools), mlock's __mm_populate() stops at the first
# page it cannot fault.
config hugetlb=2m:4
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 fork p1
p0 mmap r0 2m f0 private rw
p0 gup g0 r0:1p pin write longterm
p1 mlock r0:1p
p0 fork p2
p0 fork p3
p0 madvise r0 dontneed
p0 mlock r0:1p
p1 write r0:1p
p0 read r0:1p
