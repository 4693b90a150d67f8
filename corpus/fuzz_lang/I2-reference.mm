# I2 reference oracle: what a handle shows never contains another process's
# private writes; long-term and write pins equal what the pinning process sees.
# What: handles of every kind taken by three processes on shared-after-fork
# pages, on pages that are later unmapped by their owner, on file pages and
# on zeropage-mapped memory; all processes write in every order; every handle
# is read after each round.
# Why: program.md §4 (reference, I2 / P5 / pin-coherence); §2.2, §2.3, §2.4,
# §2.17, §2.21.
file f0 memfd 1p
p0 mmap r0 4p anon private rw
p0 mmap r1 1p f0 private rw
p0 mmap r2 2p anon private rw
p0 write r0
p0 read r1
p0 read r2
p0 fork p1
p1 fork p2
p0 vmsplice g0 r0:1p
p1 gup g1 r0+1p:1p pin longterm
p2 gup g2 r0+2p:1p pin write
p1 gup g3 r0+3p:1p get fast
p2 vmsplice g4 r1
p1 gup g5 r1 pin longterm fast
p0 gup g6 r2 get
p2 gup g7 r2 pin longterm
p0 write r0
p1 write r0
p2 write r0
f0 write
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
g6 read
g7 read
p1 munmap r0+3p:1p
p0 write r1
p1 write r1
p2 write r1
p0 write r2
p2 write r2
p1 write r2
g3 read
g4 read
g5 read
g6 read
g7 read
p2 exit
p0 write r0
p1 write r0:3p
g0 read
g1 read
g3 read
