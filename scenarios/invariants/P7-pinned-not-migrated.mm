# P7: a pinned page is never migrated.
# What: compaction with pinned anon pages (exclusive, read-only exclusive
# after a R/O pin unshared it, after fork with the pin copied for the
# child), a pinned shmem page and a page held by a pipe; every pin stays
# coherent and the exclusive pinned pages stay exclusive (X6).
# Why: §3.3 P7, §2.25 (try_to_migrate_one keeps PAE of a possibly pinned
# page and the move fails on unexpected references: the old page is
# mapped back).
file f0 shmem 1p
p0 mmap r0 3p anon private rw
p0 mmap r1 1p f0 shared rw
p0 write r0
p0 iouring g0 r0:1p
p0 fork p1
p1 gup g1 r0+1p:1p pin longterm
p0 gup g2 r1 pin write longterm
p0 vmsplice g3 r0+2p:1p
compact
g0 write
g2 write
p0 read r0
p0 read r1
p1 write r0+1p:1p
p0 write r0
p0 write r1
g0 read
g1 read
g2 read
g3 read
compact
p1 read r0
p0 read r0
