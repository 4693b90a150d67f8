# MADV_REMOVE punches the file behind a shared mapping: every mapping
# that reads the file sees zeroes (the shared one and another process's
# private one, where it made no copy), a private copy stays, and a pin
# keeps the page it held, which is no longer the file's.
expect ok
file f0 shmem 4p
p0 mmap r0 4p f0 shared rw
p0 write r0
p0 mmap r1 4p f0 private rw
p0 write r1+1p:1p
p0 fork p1
p1 vmsplice g0 r0+2p:1p
p0 gup g1 r0+3p:1p pin write longterm
p0 madvise r0 remove
p0 read r0
p0 read r1
p1 read r0
g0 read
g1 read
g1 write
g1 read
p0 read r0
