# exit: mappings torn down, GUP handles released, names reusable.
# What: a child takes a vmsplice reference and a R/W pin and exits; the handles
# are released with it (the names are reused by the parent); the parent is then
# the last mapper and its writes reuse the page; the child's name is reused by
# a new fork that sees the parent's current data.
# Why: exit zaps the child's page tables (mapcount/refcount drop, §2.6) and
# releases its references (§2.19); the parent's page then has refcount 1 (§2.2).
p0 mmap r0 2p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0:1p
p1 gup g1 r0+1p:1p pin write longterm
p1 write r0+1p:1p
p1 exit
p0 read r0
p0 write r0
p0 gup g0 r0 pin longterm
p0 iouring g1 r0
p0 write r0
g0 read
g1 read
p0 fork p1
p1 read r0
p0 write r0
g0 read
p1 read r0
p1 exit
p0 read r0
