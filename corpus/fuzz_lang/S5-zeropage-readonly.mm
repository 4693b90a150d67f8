# S5 zeropages are read-only: no writable entry maps the zeropage; its content
# never changes.
# What: the zeropage is mapped by read faults in private anon mappings of two
# processes, by populate-read, and in a PROT_NONE region; it is then the target
# of a store (copy), a memwrite on a R/O mapping (copy), an mprotect(RW) round
# trip (no upgrade), a write pin and a get-write reference (write faults copy),
# a R/O short-term pin (no-op pin) and a R/O long-term pin (unshare to a new
# page); other zeropage mappings must still read zeros.
# Why: §3.1 S5, §2.2 (zeropage copy zero-filled), §2.5 (never upgraded), §2.17,
# §2.3, F3, F4.
p0 mmap r0 8p anon private rw
p0 mmap r1 2p anon private r
p0 read r0
p0 read r1
p0 madvise r0 populate-read
p0 fork p1
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0:1p
p0 memwrite r1:1p
p0 gup g0 r0+1p:1p pin write
p0 gup g1 r0+2p:1p get write
p0 gup g2 r0+3p:1p pin
p0 gup g3 r0+4p:1p pin longterm
p0 gup g4 r0+5p:1p get
g0 write
p0 write r0+3p:2p
p0 read r0
p0 read r1
p1 read r0
p1 read r1
g2 read
g3 read
g4 read
p1 memwrite r1
p0 read r1
