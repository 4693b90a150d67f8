# gup with force (FOLL_FORCE) on read-only private mappings.
# What: r0 is written then made R/O (pages PAE, PTEs R/O): a forced write pin
# and a forced get-write reference land on the mapped PAE pages themselves.
# Then the process forks. r1 (R/O, written by memwrite, now COW-shared with
# the child) and r2 (R/O private memfd mapping, page cache) get forced write
# pins, which must land on fresh exclusive anon copies while the PTEs stay
# R/O: the child and the file stay unchanged, device writes through the pins
# are the process's own private data. R/O forced GUP (get, and a pin that
# must unshare) works on a PROT_NONE mapping (VM_MAYREAD suffices).
# Why: §2.16 (FOLL_FORCE on COW VMAs without VM_WRITE), §2.17 placement table
# last row, can_follow_write_pte needs PAE (5535be309971), §2.3 unshare; F1,
# F4, P1, P6 (the pinned r0 page is copied for the child at fork).
file f0 memfd 1p
f0 write
p0 mmap r0 2p anon private rw
p0 mmap r1 1p anon private r
p0 mmap r2 1p f0 private r
p0 mmap r3 1p anon private rw
p0 write r0
p0 write r3
p0 mprotect r0 r
p0 mprotect r3 none
p0 memwrite r1
p0 gup g0 r0:1p pin write force
p0 gup g1 r0+1p:1p get write force fast
p0 fork p1
p0 read r2
p0 gup g2 r1 pin write longterm force
p0 gup g3 r2 pin write force fast
p0 gup g4 r3 get force
p0 gup g5 r3 pin force
p0 write r0
g0 write
g2 write
g3 write
p0 read r0
p0 read r1
p0 read r2
p1 read r0
p1 read r1
p1 read r2
g0 read
g1 read
g2 read
g3 read
g4 read
g5 read
f0 write
p0 read r2
p1 read r2
g3 read
p0 memread r3
p1 memread r3
