# mremap to a lower slot (new address below the old one).
# What: a written private anonymous region with a R/W long-term pin moves from
# r1 down to r0, and a private file region with a privately written page moves
# from r3 down to r2. The content must move with the pages: the process sees
# its own data at the new address, the pin stays coherent with it, and the
# unwritten file page keeps following the file.
# Why: §2.8 (mremap moves page-table entries with all their bits; pins follow
# the move); program.md §4 (view oracle).
file f0 memfd 2p
p0 mmap r1 2p anon private rw
p0 mmap r3 2p f0 private rw
p0 write r1
p0 write r3:1p
p0 gup g0 r1:1p pin write longterm
p0 mremap r1 r0
p0 read r0
p0 mremap r3 r2
p0 read r2
f0 write
p0 read r2
p0 write r0
g0 read
g0 write
p0 read r0
