# F3 mprotect never makes a non-PAE anon page, a page-cache page in a private
# mapping, or the zeropage writable.
# What: one region whose pages are, at mprotect(RW) time:
#   page 0: COW-shared with a live child (p2);
#   page 1: previously shared (both children unmapped it: mapcount 1, no PAE);
#   page 2: PAE anon (the parent wrote it after fork) - may be upgraded;
#   page 3: only mapped by the parent but referenced by p2's pipe (T4 shape);
#   page 4: the zeropage;
# plus a private memfd mapping (page cache) and a shared tmpfile mapping with a
# clean R/O PTE. Every page is written afterwards; the child, the pipe and the
# file must not see any of the private writes.
# Why: §3.4 F3; §2.5 can_change_pte_writable (64fe24a3e05e, d84887739d5c).
file f0 memfd 1p
file f1 tmpfile 1p
f0 write
p0 mmap r0 5p anon private rw
p0 mmap r1 1p f0 private rw
p0 mmap r2 1p f1 shared rw
p0 write r0:4p
p0 read r0+4p:1p
p0 read r1
p0 read r2
p0 fork p1
p0 fork p2
p2 vmsplice g0 r0+3p:1p
p2 munmap r0+1p:1p
p2 munmap r0+3p:1p
p1 exit
p0 write r0+2p:1p
p0 mprotect r0 r
p0 mprotect r1 r
p0 mprotect r2 r
p0 mprotect r0 rw
p0 mprotect r1 rw
p0 mprotect r2 rw
p0 write r0
p0 write r1
p0 write r2
g0 read
p2 read r0:1p
p2 read r0+2p:1p
p2 read r0+4p:1p
p2 read r1
p0 mmap r3 1p f0 shared r
p0 read r3
p0 read r0
