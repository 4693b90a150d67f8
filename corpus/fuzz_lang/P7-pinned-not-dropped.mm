# P7 pinned pages are not reclaimed/dropped/migrated (parts modelled now:
# drop-caches of page-cache pages, MADV_FREE of anon pages).
# What: long-term pins on shared tmpfile and memfd pages and on a private file
# page (unshared copy), a vmsplice on a page-cache page, then drop-caches (twice,
# around pwrites); every long-term pin must stay coherent with the mapping and
# file content must not be lost. A pinned anon page is MADV_FREE'd and stays
# coherent (no reclaim discards it).
# Why: §3.3 P7; §2.9 (pinned page-cache folios are not reclaimed); §2.6
# (MADV_FREE discards only unreferenced pages); P4.
file f0 tmpfile 2p
file f1 memfd 1p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 1p f1 shared rw
p0 mmap r2 2p f0 private rw
p0 mmap r3 1p anon private rw
p0 write r0
p0 write r3
p0 read r2
p0 gup g0 r0 pin longterm
p0 iouring g1 r1
p0 gup g2 r2:1p pin longterm
p0 vmsplice g3 r2+1p:1p
p0 iouring g4 r3
p0 madvise r3 free
drop-caches
f0 write
f1 write
g0 read
g1 read
g2 read
g3 read
drop-caches
p0 write r0
p0 write r2
p0 write r3
g0 read
g2 read
g4 read
p0 read r0
p0 read r1
p0 read r2
