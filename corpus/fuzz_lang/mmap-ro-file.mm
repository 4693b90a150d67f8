# mmap option ro-file (file opened read-only).
# What: a MAP_SHARED read-only mapping of a file opened O_RDONLY lacks
# VM_MAYWRITE: mprotect(RW) fails (EACCES), stores fail (SIGSEGV), a
# /proc/self/mem write fails (EIO; GUP refuses with EFAULT: not a COW mapping); the mapping still
# follows the file. A MAP_PRIVATE writable mapping of the same read-only file
# is allowed and its writes stay private.
# Why: §1.4 (VM_SHARED and VM_MAYWRITE cleared, VM_MAYSHARE kept: not a COW
# mapping), §2.16 (FOLL_FORCE write needs a COW mapping), §2.20 / F4.
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 shared r ro-file
p0 read r0
p0 mprotect r0 rw
p0 write r0
p0 memwrite r0
p0 read r0
f0 write +1p:1p
p0 read r0
p0 mmap r1 2p f0 private rw ro-file
p0 write r1:1p
p0 read r0
p0 read r1
p0 mmap r2 1p f0 shared rw ro-file
