# S7 shared mappings: entries in VM_SHARED VMAs map page-cache/shmem pages,
# never private anon copies.
# What: shared memfd and shared anonymous (shmem) mappings are written through
# stores, memwrite (FOLL_FORCE on a writable shared VMA), write pins, an
# mprotect(R)/(RW) round trip, MADV_POPULATE_WRITE and after fork by the child;
# every write must be visible to every process and to the file.
# Why: §3.1 S7; §2.2 case 1 (shared VMAs never copy), §2.16.
file f0 memfd 2p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 2p anon shared rw
p0 mmap r2 2p f0 private r
p0 read r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 memwrite r0:1p
p0 madvise r0+1p:1p populate-write
p0 fork p1
p1 write r0+1p:1p
p1 memwrite r1:1p
p0 gup g0 r1+1p:1p pin write longterm
g0 write
p0 read r0
p0 read r1
p0 read r2
p1 read r1
p1 mprotect r1 r
p1 mprotect r1 rw
p1 write r1
g0 read
f0 write
p1 read r0
