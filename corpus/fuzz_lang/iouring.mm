# iouring: fixed-buffer registration (pin write longterm fast).
# What: registration of untouched anon memory (write fault -> zeroed exclusive
# pages), of a private file mapping (COW copy: a private copy made without a
# CPU write, later pwrite()s not visible there), and of a shared memfd mapping
# (page-cache pages, shmem is not dirty-tracked so it is allowed). Each buffer
# stays coherent with its mapping: CPU writes are seen through it, device
# writes (gN write) are seen through the mapping, and for the shared mapping
# by other processes and by the file.
# Why: §2.22, §2.17 placement (PIN|WRITE), P1, P4.
file f0 memfd 2p
file f1 memfd 2p
f0 write
p0 mmap r0 2p anon private rw
p0 mmap r1 2p f0 private rw
p0 mmap r2 2p f1 shared rw
p0 iouring g0 r0
p0 iouring g1 r1
p0 iouring g2 r2
g0 read
g1 read
f0 write
p0 read r1
g1 read
p0 fork p1
f1 write
g2 read
p1 write r2:1p
g2 read
g2 write
p1 read r2
p0 read r2
p0 write r0
p0 write r1
g0 read
g1 read
g0 write
g1 write
p0 read r0
p0 read r1
p1 read r0
p1 read r1
