# gup: every valid MODE/flag combination on exclusive anonymous pages.
# What: written private pages (PAE, writable) of one process; one handle per
# page for each of the 24 valid combinations; then the process forks (child
# alive) and writes everything; every handle is read; the child must keep the
# pre-fork data.
# Why: pins on PAE pages land on the mapped page (§2.17); fork copies every
# pinned PAE page for the child (P6) so the parent keeps writing in place and
# every pin stays coherent (P1/P2); pages with only plain references are
# COW-shared by fork and the parent's write copies away from them (allowed:
# references are not pins).
p0 mmap r0 16p anon private rw
p0 mmap r1 8p anon private rw
p0 write r0
p0 write r1
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
p0 fork p1
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
p1 read r0
p1 read r1
p1 write r0
p0 read r0
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
