# I2 on handles of shared mappings after their owner unmapped or discarded the
# address.
# What: vmsplice references and write pins on pages of shared mappings (shmem
# file, shared anonymous, memfd). The owner then munmaps, MADV_DONTNEEDs, or
# moves and unmaps the address. The pages stay in the shared object: later
# stores by other processes (and by the owner after a refault), pwrite()s and
# device writes through a write pin all land in the same page, so the handles
# show them and every mapper sees the device writes. None of these are
# private writes: nothing here is a leak.
# Why: program.md §4 (I2 forbids only *another process's private* writes);
# §2.2 case 1 and §2.6 (a shared VMA never copies; a zap leaves the page in
# the page cache; a refault maps the same page); S7.
file f0 shmem 2p
file f1 memfd 1p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 1p anon shared rw
p0 mmap r2 1p f1 shared rw
p0 write r0
p0 write r1
p0 fork p1
p0 vmsplice g0 r0:1p
p0 iouring g1 r0+1p:1p
p0 gup g2 r1 pin write
p1 vmsplice g3 r2
p0 munmap r0
p0 madvise r1 dontneed
p1 mremap r2 r3
p1 munmap r3
p1 write r0
p1 write r1
p0 write r1
f1 write
g0 read
g1 read
g2 read
g3 read
g1 write
g2 write
p1 read r0
p1 read r1
p0 read r1
p0 read r2
