# I1 view oracle on private file mappings across fork, discard and unshare.
# What: a private tmpfile mapping where the parent writes page 0 (COW), pins
# page 1 R/O long-term (unshare: snapshot), leaves page 2 alone, forks; the
# child inherits the copy, the snapshot and the file-following page. Then the
# file changes; the child discards pages 0 and 1 with MADV_DONTNEED (they
# follow the file again), the parent keeps its copy and snapshot; the child
# writes page 2 (COW); a second child forked later sees the parent's view.
# Why: program.md §4 (private file pages: file content until written or
# unshared, then stable); §2.2, §2.3, §2.4, §2.6.
file f0 tmpfile 3p
f0 write
p0 mmap r0 3p f0 private rw
p0 read r0
p0 write r0:1p
p0 gup g0 r0+1p:1p pin longterm
p0 fork p1
f0 write
p0 read r0
p1 read r0
p1 madvise r0:2p dontneed
p1 read r0
f0 write
p1 read r0
p0 read r0
p1 write r0+2p:1p
f0 write +2p:1p
p0 read r0
p1 read r0
g0 read
p0 fork p2
p2 read r0
f0 write
p2 read r0
