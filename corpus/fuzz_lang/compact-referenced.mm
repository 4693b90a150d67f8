# compact and GUP (semantics §2.25, §3.3 P7): a folio held by anything but
# its mappings and its cache does not move: pins (io_uring, write pins,
# R/O long-term pins of anon and of shmem pages) and plain references
# (vmsplice). The exclusive pinned page is mapped again exclusive, so the
# device and the process keep seeing each other's writes; the other pages
# of the same VMAs move. After the handles are released, the pages move
# too.
file f0 shmem 2p
p0 mmap r0 5p anon private rw
p0 mmap r1 2p f0 shared rw
p0 write r0
p0 write r1
p0 iouring g0 r0:1p
p0 gup g1 r0+1p:1p pin write
p0 gup g2 r0+2p:1p pin longterm
p0 vmsplice g3 r0+3p:1p
p0 gup g4 r1:1p pin longterm
compact
g0 write
g1 write
p0 read r0
p0 write r0
g0 read
g1 read
g2 read
g3 read
p0 write r1
g4 read
g0 put
g1 put
g2 put
g3 put
g4 put
compact
p0 read r0
p0 read r1
