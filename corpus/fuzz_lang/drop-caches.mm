# drop-caches: drop clean, unmapped, unreferenced page-cache pages.
# What: file content written with pwrite or through a mapping that was then
# unmapped survives drop-caches for every kind (tmpfile pages may be dropped
# and re-read, memfd/shmem pages are not droppable); a mapped and R/O long-term
# pinned shared page is not dropped and the pin stays coherent; an unshared
# private copy keeps the old content.
# Why: §1.6 page cache, §2.9 (pinned page-cache folios are not reclaimed), P4,
# P7, program.md §4 (private copy without a write stays stable).
file f0 tmpfile 2p
file f1 memfd 2p
file f2 shmem 2p
f0 write
f1 write
p0 mmap r0 2p f2 shared rw
p0 write r0
p0 munmap r0
drop-caches
p0 mmap r1 2p f0 private r
p0 mmap r2 2p f1 private r
p0 mmap r3 2p f2 private r
p0 read r1
p0 read r2
p0 read r3
p0 mmap r4 2p f0 shared rw
p0 read r4
p0 gup g0 r4 pin longterm
p0 mmap r5 2p f0 private rw
p0 read r5
p0 gup g1 r5:1p pin longterm
drop-caches
f0 write
g0 read
g1 read
p0 read r4
p0 read r5
p0 write r4
g0 read
drop-caches
p0 read r1
p0 read r5
