# gup over a range that fails part way: all or nothing.
# What: a pin over a range crossing an unmapped hole, a write pin over a range
# crossing a VMA made read-only by mprotect, and a vmsplice over the hole all
# fail (EFAULT); nothing stays referenced: pages are reused in place by later
# writes, fork shares them (no pin), and a pin of the valid part works.
# Why: program.md §3 (statement fails with the kernel's error); §2.16 per-VMA
# checks; §2.2 (refcount 1 -> reuse).
p0 mmap r0 4p anon private rw
p0 write r0
p0 munmap r0+3p:1p
p0 mprotect r0+1p:1p r
p0 gup g0 r0 pin
p0 gup g1 r0:3p pin write
p0 vmsplice g2 r0+2p:2p
p0 gup g3 r0+2p:1p pin write longterm
p0 write r0:1p
p0 write r0+2p:1p
g3 read
p0 fork p1
p0 write r0:1p
p1 read r0:3p
p0 read r0:3p
g3 read
