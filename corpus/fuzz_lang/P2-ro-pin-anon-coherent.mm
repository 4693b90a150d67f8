# P2 R/O pins on anon pages stay coherent: CPU writes through the mapping are
# visible through the pin.
# What: R/O long-term pins (slow and fast) on pages that are exclusive and
# writable, exclusive and R/O-mapped (mprotect + clear-refs), COW-shared with a
# live child, previously shared (child exited), and shared with two children;
# then the pinning process writes everything, forks again, and writes again.
# Why: §3.3 P2 (5.19+: unshare at pin time + PAE reuse); T9–T14 of §4.2.
p0 mmap r0 8p anon private rw
p0 write r0
p0 gup g0 r0:1p pin longterm
p0 mprotect r0+1p:1p r
p0 clear-refs
p0 mprotect r0+1p:1p rw
p0 gup g1 r0+1p:1p pin longterm fast
p0 fork p1
p0 gup g2 r0+2p:1p pin longterm
p0 gup g3 r0+3p:1p pin longterm fast
p0 fork p2
p2 exit
p0 gup g4 r0+4p:1p pin longterm
p1 exit
p0 gup g5 r0+5p:1p pin longterm fast
p0 fork p3
p0 fork p4
p0 gup g6 r0+6p:1p pin longterm
p0 gup g7 r0+7p:1p pin longterm fast
p0 write r0
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
g6 read
g7 read
p3 read r0
p0 fork p5
p0 write r0
g0 read
g7 read
p5 read r0
p4 read r0
