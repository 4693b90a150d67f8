# mprotect(PROT_NONE) on a page registered as an io_uring buffer.
# What: while the mapping is PROT_NONE, a device write through the pin is seen
# by /proc/self/mem reads; after mprotect(RW) the CPU sees it too and its own
# writes are seen through the pin.
# Why: mprotect changes protections only (§2.5); the pinned page stays mapped
# (P1); FOLL_FORCE reads need only VM_MAYREAD (§2.16).
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 mprotect r0 none
g0 write
p0 memread r0
p0 mprotect r0 rw
p0 read r0
p0 write r0
g0 read
