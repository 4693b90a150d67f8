# I2 on references and short-term R/O pins of page-cache pages whose owner has
# since copied away (COW) or unmapped.
# What: a get reference and a short-term R/O pin (no unshare for short-term
# pins) on page-cache pages of private file mappings; then the owner writes
# (its mapping gets an anon copy), forces a write pin over them, or unmaps;
# then the file changes. The handles still reference the page-cache pages and
# show the file's new content. That is the file's content, not a private
# write of anybody: no violation.
# Why: §2.17 placement table (R/O short-term pin / GET of a page-cache page ->
# that page), §2.15 (pwrite updates the page-cache page in place), program.md
# §4 (I2 forbids only other processes' private writes).
file f0 shmem 2p
file f1 tmpfile 2p
p0 mmap r0 2p f0 private rw
p0 mmap r1 2p f1 private rw
p0 read r0
p0 read r1
p0 gup g0 r0:1p get fast
p0 gup g1 r0+1p:1p pin
p0 gup g2 r1 pin fast
p0 write r0:1p
p0 gup g3 r0+1p:1p pin write longterm force
p0 munmap r1
f0 write
f1 write =2
g0 read
g1 read
g2 read
p0 read r0
g3 read
