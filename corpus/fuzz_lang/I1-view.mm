# I1 view oracle: every load sees exactly the program meaning: own private
# writes, everybody's shared and file writes, content inherited at fork.
# What: a three-level process tree over private anon, shared anon, shared and
# private file mappings; writes, pwrite, fork, exit, munmap, mremap, mprotect
# round trips, MADV_DONTNEED, WIPEONFORK, and a R/O long-term pin that makes a
# private file page a stable snapshot. Every process reads everything
# repeatedly.
# Why: program.md §4 (view, I1).
file f0 memfd 2p
p0 mmap r0 4p anon private rw
p0 mmap r1 2p anon shared rw
p0 mmap r2 2p f0 private rw
p0 mmap r3 2p f0 shared rw
p0 mmap r4 1p anon private rw
p0 write r0:2p
p0 write r1:1p
p0 write r4
p0 madvise r4 wipeonfork
p0 read r2
p0 gup g0 r2:1p pin longterm
p0 fork p1
p1 write r0+1p:2p
p1 write r1+1p:1p
p1 write r3:1p
f0 write +1p:1p
p0 read r0
p0 read r1
p0 read r2
p0 read r3
p1 read r0
p1 read r2
p1 read r4
p1 fork p2
p2 mremap r0 r5
p2 write r5:1p
p1 madvise r0 dontneed
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0+3p:1p
p2 read r5
p1 read r0
p0 read r0
p2 write r2
p1 munmap r2+1p:1p
f0 write
p0 read r2
p1 read r2:1p
p2 read r2
p2 read r3
p1 exit
p0 read r0
p2 read r5
p0 read r4
