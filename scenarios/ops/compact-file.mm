# compact of page-cache folios (semantics §2.25, §2.15): mapped and
# unmapped page-cache pages of memfd, shmem and tmpfile files move to new
# folios; the page cache holds the new folio (checked by S2), shared
# mappings keep their writable entries, private ones their read-only view
# of the file, anon COW copies stay private. Later file writes, faults and
# drop-caches go through the new folios.
file f0 memfd 2p
file f1 tmpfile 2p
file f2 shmem 1p
f0 write
f1 write
f2 write
p0 mmap r0 2p f0 shared rw
p0 mmap r1 2p f1 private rw
p0 mmap r2 1p f2 shared r
p0 read r0:1p
p0 write r0+1p:1p
p0 read r1
p0 write r1+1p:1p
p0 read r2
compact
p0 read r0
p0 read r1
p0 read r2
f0 write
f1 write
p0 read r0
p0 read r1
p0 write r0
p0 fork p1
compact
p1 read r0
p1 read r1
p1 write r0:1p
p0 read r0
p0 munmap r1
drop-caches
compact
p0 mmap r1 2p f1 shared rw
p0 read r1
p1 read r1
