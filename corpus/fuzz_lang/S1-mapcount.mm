# S1 mapcount: every folio's mapcount equals the page-table entries mapping it.
# What: one anon page mapped by four processes (fork tree), then mappings go
# away one by one via munmap, MADV_DONTNEED, a COW write and exit; a page-cache
# page mapped by shared and private mappings in several processes, partially
# unmapped; an mremap moves entries (mapcount unchanged); zeropage mappings
# never count.
# Why: §3.1 S1; fork +1 per shared entry (§2.4), zap −1 (§2.6), COW moves the
# mapping to the new page (§2.2), mremap moves entries (§2.8), zeropage
# uncounted (§1.1).
file f0 memfd 2p
p0 mmap r0 2p anon private rw
p0 mmap r1 2p f0 shared rw
p0 mmap r2 2p f0 private r
p0 mmap r3 2p anon private rw
p0 write r0
p0 read r1
p0 read r2
p0 read r3
p0 fork p1
p0 fork p2
p1 fork p3
p1 munmap r0:1p
p2 madvise r0 dontneed
p3 write r0+1p:1p
p2 munmap r1+1p:1p
p3 mremap r2 r4
p3 read r4
p1 exit
p0 write r0
p3 read r0
p2 read r0
p0 read r1
p2 read r2
p3 exit
p0 read r0
