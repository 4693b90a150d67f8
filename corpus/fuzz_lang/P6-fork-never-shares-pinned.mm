# P6 fork never COW-shares a page that may be pinned (in the pinning mm).
# What: pinned pages of every kind of pin (R/O short-term after an unshare,
# R/O long-term, R/W, io_uring, GUP-fast) across several forks with live
# children, interleaved with writes by parent and children; each pin must stay
# coherent with the parent and each child must see only its inherited data.
# Also a page pinned by a child, with the child forking a grandchild.
# Why: §3.3 P6, §2.4 (70e806e4e645: copy for the child when MMF_HAS_PINNED and
# maybe_dma_pinned and PAE); T8 of §4.2.
p0 mmap r0 5p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0:1p pin
p0 gup g1 r0+1p:1p pin longterm
p0 gup g2 r0+2p:1p pin write
p0 iouring g3 r0+3p:1p
p0 gup g4 r0+4p:1p pin write longterm fast
p0 fork p2
p0 write r0
p2 write r0
g1 read
g2 read
g3 read
g4 read
p0 fork p3
p3 read r0
p0 write r0
p2 read r0
p3 read r0
p1 read r0
g1 read
g4 read
p1 gup g5 r0 pin longterm
p1 fork p4
p1 write r0
g5 read
p4 read r0
