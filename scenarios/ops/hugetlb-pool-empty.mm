# hugetlb pools (semantics §2.14, §1.6): mmap reserves, faults consume.
# What: two 2 MiB pages. r0 and r2 (private) reserve both; r1 cannot be
# backed and mmap fails with ENOMEM (the load then segfaults: not mapped);
# after munmap of r0 its page is back and r1 maps. A child of a private
# mapping has no reservation: its first write needs a page nobody reserved,
# and both free pages are reserved (r1, r2), so it gets SIGBUS while the
# owners' writes succeed.
config hugetlb=2m:2
p0 mmap r0 2m anon private rw hugetlb
p0 mmap r2 2m anon private rw hugetlb
p0 mmap r1 2m anon private rw hugetlb
p0 read r1:1p
p0 write r0:1p
p0 munmap r0
p0 mmap r1 2m anon private rw hugetlb
p0 fork p1
p1 write r1:1p
p0 write r1:1p
p1 read r1:1p
p0 read r1:1p
p0 write r2:1p
