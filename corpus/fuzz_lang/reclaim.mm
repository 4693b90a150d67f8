# reclaim (semantics §2.9): every anon page whose mappings can all be
# unmapped goes to swap, also pages shared by parent and child (one slot,
# swap_count 2, no exclusive marker); a page held by a pipe stays in the
# swap cache and the pipe keeps reading it; clean unmapped tmpfile page
# cache is dropped. Content survives everything.
file f0 tmpfile 2p
f0 write
p0 mmap r0 2p anon private rw
p0 mmap r1 2p f0 shared rw
p0 write r0
p0 read r1
p0 fork p1
p1 vmsplice g0 r0:1p
reclaim
p0 read r0
p1 write r0+1p:1p
g0 read
p1 read r0
p0 munmap r1
reclaim
p0 mmap r1 2p f0 shared r
p0 read r1
