# mmap option populate (MAP_POPULATE) on anonymous mappings.
# What: a populated private writable region reads as zeros, behaves as normal
# memory across fork; a populated private read-only region reads zeros and
# cannot be written; a populated shared region is shared with a child.
# Why: populate touches private writable mappings with write faults (fresh PAE
# anon pages, zero-filled) and others with read faults (zeropage / shmem pages,
# §2.1, §2.2); content must still be zero.
p0 mmap r0 4p anon private rw populate
p0 mmap r1 2p anon private r populate
p0 mmap r2 2p anon shared rw populate
p0 read r0
p0 read r1
p0 read r2
p0 fork p1
p0 write r0:2p
p1 write r0+2p:2p
p1 write r2:1p
p0 read r0
p1 read r0
p0 read r2
p0 write r1
p1 read r1
