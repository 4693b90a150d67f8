# P5 no leak across fork through plain references (CVE-2020-29374 family).
# What: plain references (vmsplice, gup get slow and fast) taken before and
# after fork, by the parent and by the child, on pages that are then unmapped
# or kept by the referencing side; the other side writes (with and without an
# mprotect round trip first); no reference may ever show the other process's
# private write.
# Why: §3.3 P5 (5.9+ for small pages: refcount rule §2.2); T3–T6 of §4.2.
p0 mmap r0 6p anon private rw
p0 write r0
p0 vmsplice g0 r0:1p
p0 gup g1 r0+1p:1p get fast
p0 fork p1
p1 vmsplice g2 r0+2p:1p
p1 gup g3 r0+3p:1p get
p0 vmsplice g4 r0+4p:1p
p1 gup g5 r0+5p:1p get fast
p0 munmap r0:2p
p1 munmap r0+2p:2p
p1 write r0:2p
p0 mprotect r0+2p:4p r
p0 mprotect r0+2p:4p rw
p0 write r0+2p:4p
p1 write r0+4p:2p
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
p1 exit
g0 read
g4 read
