# mmap: shared mapping of a memfd.
# What: stores through a shared mapping modify the file: pwrite() and the
# mapping see each other, a child's shared mapping sees both, and a private
# mapping that has not written a page follows the file.
# Why: shared VMAs map the page-cache page writable (shmem needs no write
# notify, §2.1) and never COW (§2.2 case 1, S7).
file f0 memfd 2p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 2p f0 private r
p0 write r0:1p
p0 read r1
f0 write +1p:1p
p0 read r0
p0 fork p1
p1 write r0+1p:1p
p0 read r0
p0 read r1
p1 read r1
