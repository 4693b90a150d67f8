# gN read / gN write / gN put.
# What: a write pin on private anon memory: device writes are seen by the CPU,
# CPU writes through the handle; after `put` the page is no longer pinned, so
# fork COW-shares it and the parent's write copies (the child keeps the data
# of the fork); the handle name is then reused for a write pin on a shared
# mapping whose device writes reach the file and a child's mapping.
# Why: §2.19 (unpin never changes page tables; a later fork may share the
# page), P1, P4, P6.
file f0 memfd 1p
p0 mmap r0 1p anon private rw
p0 mmap r1 1p f0 shared rw
p0 gup g0 r0 pin write
g0 write
p0 read r0
p0 write r0
g0 read
g0 put
p0 fork p1
p0 write r0
p1 read r0
p0 gup g0 r1 pin write longterm
g0 write
p1 read r1
p0 mmap r2 1p f0 private r
p0 read r2
p1 write r1
g0 read
g0 put
p0 read r1
