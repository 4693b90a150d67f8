# fork: a process tree with private, shared and file memory.
# What: three generations; each writes some private pages; shared anonymous
# memory is seen by all; a file's private mapping is inherited unwritten (still
# following the file) or written (private copy).
# Why: fork semantics (§2.4): COW-share anon pages, keep shared VMAs shared,
# page-cache pages shared as is; isolation of private writes (I1).
file f0 memfd 2p
p0 mmap r0 2p anon private rw
p0 mmap r1 1p anon shared rw
p0 mmap r2 2p f0 private rw
p0 write r0
p0 write r2:1p
p0 fork p1
p1 write r0:1p
p1 fork p2
p2 write r1
p2 write r0+1p:1p
f0 write
p0 read r0
p1 read r0
p2 read r0
p0 read r1
p1 read r2
p2 read r2
p2 fork p3
p3 write r2+1p:1p
p0 read r2
p3 read r0
