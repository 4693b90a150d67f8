# mremap back and forth, with pins, after fork, and a new mapping in the
# vacated slot.
# What: a region with a R/W long-term pin and a R/O long-term pin (after an
# unshare) moves r0 -> r1 -> r0 -> r2; in between the vacated slot gets a
# fresh mapping, the process forks, parent and child write at their current
# addresses, and the child moves its own copy. Every pin follows its page.
# Why: §2.8 (entries move with PAE/soft-dirty; pins stay coherent with the new
# address), §2.4, P1, P2.
p0 mmap r0 3p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0:1p pin write longterm
p0 gup g1 r0+1p:1p pin longterm
p0 mremap r0 r1
p0 mmap r0 1p anon private rw
p0 write r0
p0 write r1
g0 read
g1 read
p0 munmap r0
p0 mremap r1 r0
p0 fork p2
p0 write r0
g0 read
g1 read
p2 read r0
p1 mremap r0+1p:2p r3
p1 write r3
p1 read r0:1p
p0 mremap r0 r2
g0 write
p0 read r2
p0 write r2
g0 read
g1 read
p1 read r3
p2 read r0
