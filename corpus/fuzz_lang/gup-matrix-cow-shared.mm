# gup: every valid MODE/flag combination on COW-shared anonymous pages.
# What: after fork (child alive) every page of r0/r1 is COW-shared (R/O PTEs,
# PAE clear). The parent takes one handle per page with each of the 24 valid
# combinations (get: write/force/fast; pin: write/longterm/force/fast), then
# both processes write everything and every handle is read.
# Why (current kernel, §2.17 placement table, §2.18):
# * get (R/O, any path): no unshare, the reference stays on the shared page;
#   both writers then copy (refcount > 1) -> the handle keeps the pre-fork data
#   (P5; plain references need not be coherent).
# * get write: write fault -> exclusive copy in the parent; the parent's next
#   write reuses it (own data visible through the reference).
# * pin (R/O, short or long term, fast falls back): must unshare -> exclusive
#   copy mapped R/O, pinned; the parent's write reuses it (P2, X6).
# * pin write: write fault -> exclusive copy, pinned; coherent (P1).
# * force has no effect on a writable mapping.
# Pin coherence is checked for the long-term and write pins.
p0 mmap r0 16p anon private rw
p0 mmap r1 8p anon private rw
p0 write r0
p0 write r1
p0 fork p1
p0 gup g0 r0:1p pin
p0 gup g1 r0+1p:1p pin fast
p0 gup g2 r0+2p:1p pin force
p0 gup g3 r0+3p:1p pin force fast
p0 gup g4 r0+4p:1p pin longterm
p0 gup g5 r0+5p:1p pin longterm fast
p0 gup g6 r0+6p:1p pin longterm force
p0 gup g7 r0+7p:1p pin longterm force fast
p0 gup g8 r0+8p:1p pin write
p0 gup g9 r0+9p:1p pin write fast
p0 gup g10 r0+10p:1p pin write force
p0 gup g11 r0+11p:1p pin write force fast
p0 gup g12 r0+12p:1p pin write longterm
p0 gup g13 r0+13p:1p pin write longterm fast
p0 gup g14 r0+14p:1p pin write longterm force
p0 gup g15 r0+15p:1p pin write longterm force fast
p0 gup g16 r1:1p get
p0 gup g17 r1+1p:1p get fast
p0 gup g18 r1+2p:1p get force
p0 gup g19 r1+3p:1p get force fast
p0 gup g20 r1+4p:1p get write
p0 gup g21 r1+5p:1p get write fast
p0 gup g22 r1+6p:1p get write force
p0 gup g23 r1+7p:1p get write force fast
p0 write r0
p0 write r1
p1 write r0
p1 write r1
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
g6 read
g7 read
g8 read
g9 read
g10 read
g11 read
g12 read
g13 read
g14 read
g15 read
g16 read
g17 read
g18 read
g19 read
g20 read
g21 read
g22 read
g23 read
p0 read r0
p0 read r1
p1 read r0
p1 read r1
p0 write r0
p0 write r1
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
g6 read
g7 read
g8 read
g9 read
g10 read
g11 read
g12 read
g13 read
g14 read
g15 read
g16 read
g17 read
g18 read
g19 read
g20 read
g21 read
g22 read
g23 read
g0 put
g1 put
g2 put
g3 put
g4 put
g5 put
g6 put
g7 put
g8 put
g9 put
g10 put
g11 put
g12 put
g13 put
g14 put
g15 put
g16 put
g17 put
g18 put
g19 put
g20 put
g21 put
g22 put
g23 put
