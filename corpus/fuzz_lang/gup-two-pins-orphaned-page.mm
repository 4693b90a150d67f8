# Two handles on the same page after the owner unmapped it.
# What: an io_uring buffer and a second write pin (and a vmsplice) on the same
# private anonymous page; the owner unmaps it. The page lives on for the
# handles: a device write through one pin is seen through the other handles.
# It is the owner's own device's write to its own (orphaned) page, never
# another process's private write.
# Why: §2.6 (pinned pages survive the zap), program.md §4 (I2 forbids only
# other processes' private writes; coherence ends at the user's munmap).
file f0 shmem 1p
p0 mmap r0 2p anon private rw
p0 mmap r1 1p f0 private rw populate
p0 iouring g0 r0+1p:1p
p0 gup g1 r0 pin write fast
p0 vmsplice g2 r0+1p:1p
p0 iouring g3 r1
p0 gup g4 r1 pin write force
p0 munmap r0+1p:1p
p0 munmap r1
g1 write
g0 read
g2 read
g0 write
g1 read
g2 read
g3 write
g4 read
p0 read r0:1p
