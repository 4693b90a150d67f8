# /proc/self/mem reads of a PROT_NONE hugetlb mapping follow the protnone
# entry (found by fuzz_mm: GUP made no progress).
p0 mmap r0 2m anon private rw hugetlb
p0 read r0:2p
p0 mprotect r0 none
p0 memread r0
p0 fork p1
p1 mmap r0 1p anon private none
p1 mmap r0 2p anon private none
p0 mmap r0 2p anon private none
