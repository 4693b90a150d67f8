# fork stops after giving the child its copy of a page pinned for
# io_uring (a pinned page is copied, never COW-shared). A device then
# writes through the pin: the parent's page takes it, the child's copy,
# made before, does not. The child is the parent's copy entry by entry,
# each as fork copies it.
expect ok
file f0 memfd 1p
p0 mmap r0 1p f0 private rw
p0 write r0 =1
p0 iouring g0 r0
p0 fork p1 @t0
g0 write
t0 finish
p0 read r0
p1 read r0
