# A populate or a read GUP of a private hugetlb file mapping on a hole of
# the file gives it a page of its own too; a shared mapping's read adds
# the page to the file, which a later private first touch then maps.
# What: r0 (f0) is faulted in by MADV_POPULATE_READ, r2 (f1) by vmsplice
# (a read GUP), both on holes: the writes to the files through r1 and r3
# show in neither.  f2's huge page was read through the shared r5 first
# (it exists in the file), so r4's first touch maps it and follows the
# file's later write.
# Why: mm/hugetlb.c hugetlb_no_page(): only VM_MAYSHARE faults add to the
# page cache.
file f0 memfd-hugetlb 2m
file f1 memfd-hugetlb 2m
file f2 memfd-hugetlb 2m
p0 mmap r0 2m f0 private rw
p0 mmap r1 2m f0 shared rw
p0 mmap r2 2m f1 private rw
p0 mmap r3 2m f1 shared rw
p0 mmap r4 2m f2 private rw
p0 mmap r5 2m f2 shared rw
p0 madvise r0:1p populate-read
p0 vmsplice g0 r2:1p
p0 read r5:1p
p0 read r4:1p
p0 write r1:1p =5
p0 write r3:1p =6
p0 write r5:1p =7
p0 read r0:1p
p0 read r2:1p
p0 read r4:1p
g0 read
