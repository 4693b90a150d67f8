# R/O pins of a KSM page (semantics §2.11, §2.17): a KSM page is never
# exclusive, so a R/O pin (short or long term, slow or GUP-fast) unshares
# it first and lands on a private read-only copy (5.19+); the process's
# next write reuses that copy and the pin sees it (P2). A plain reference
# stays on the KSM page and sees the old content, which is allowed.
p0 mmap r0 4p anon private rw
p0 madvise r0 mergeable
p0 write r0 =6
p0 fork p1
ksm
p0 gup g0 r0:1p pin longterm
p0 gup g1 r0+1p:1p pin fast
p0 gup g2 r0+2p:1p pin longterm fast
p0 gup g3 r0+3p:1p get
ksm
p0 write r0
g0 read
g1 read
g2 read
g3 read
p1 read r0
p1 gup g4 r0:1p pin longterm
p1 write r0:1p
g4 read
p0 read r0
