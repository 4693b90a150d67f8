# P4 pins of pages in VM_SHARED VMAs are coherent in every era (no COW); since
# 6.5 long-term write pins of dirty-tracked file mappings are refused.
# What: R/O and R/W long-term pins (and io_uring) on shared memfd, shmem and
# shared anonymous mappings, a R/O long-term pin on a shared tmpfile mapping;
# writes by pwrite, by the pinning process, by a child, device writes; an
# mprotect round trip and drop-caches in between. The long-term write pin of
# the shared tmpfile mapping fails with EFAULT (no violation).
# Why: §3.3 P4, §2.2 case 1, §2.16 (8ac268436e6d, 6.5+).
file f0 memfd 1p
file f1 shmem 1p
file f2 tmpfile 1p
p0 mmap r0 1p f0 shared rw
p0 mmap r1 1p f1 shared rw
p0 mmap r2 1p anon shared rw
p0 mmap r3 1p f2 shared rw
p0 gup g0 r0 pin longterm
p0 iouring g1 r1
p0 gup g2 r2 pin write longterm fast
p0 gup g3 r3 pin longterm
p0 gup g4 r3 pin write longterm
p0 fork p1
f0 write
f1 write
f2 write
g0 read
g1 read
g3 read
p1 write r0
p1 write r1
p1 write r2
p1 write r3
g0 read
g1 read
g2 read
g3 read
g1 write
g2 write
p1 read r1
p1 read r2
p0 mprotect r0 r
p0 mprotect r0 rw
drop-caches
p0 write r0
p0 write r3
g0 read
g3 read
p1 read r0
p1 read r3
