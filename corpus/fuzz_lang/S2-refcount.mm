# S2 refcount lower bound: refcount >= mappings + page cache + GET refs +
# pins x 1024 (small folios); zeropage: >= GET refs.
# What: one anon page collects several vmsplice references, a get reference and
# pins (R/O, R/W long-term) from two processes over fork, which are released in
# a different order; a page-cache page collects mappings, refs and pins; the
# zeropage collects GET references (and no-op pins) that are then released.
# Why: §1.1 refcount contributions, §2.17 grab rules (zeropage pin no-op since
# 6.5, c8070b787519), §2.19 release.
file f0 memfd 1p
p0 mmap r0 1p anon private rw
p0 mmap r1 1p f0 shared rw
p0 mmap r2 2p anon private r
p0 write r0
p0 read r1
p0 read r2
p0 vmsplice g0 r0
p0 vmsplice g1 r0
p0 gup g2 r0 get
p0 gup g3 r0 pin
p0 gup g4 r0 pin write longterm
p0 fork p1
p1 vmsplice g5 r0
p0 gup g6 r1 get
p0 gup g7 r1 pin longterm
p1 gup g8 r1 pin write
p0 vmsplice g9 r2
p0 gup g10 r2 pin
p0 gup g11 r2 get fast
g1 put
g3 put
p0 write r0
g0 read
g4 read
g5 read
p1 write r1
g7 read
g8 read
g9 read
g10 read
g11 put
g9 put
g10 put
p1 exit
g4 put
g2 put
p0 fork p1
p0 write r0
p1 read r0
