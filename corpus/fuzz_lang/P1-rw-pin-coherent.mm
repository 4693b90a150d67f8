# P1 R/W pins (FOLL_PIN|FOLL_WRITE, short- or long-term) on anon/private memory
# stay coherent across write faults, mprotect round trips, soft-dirty clearing,
# fork in the parent and mremap.
# What: short-term write pins (slow, fast) and long-term write pins (gup,
# io_uring) on private anon pages and on a private file page (COW copy at pin
# time); then mprotect(R)+clear-refs+mprotect(RW), writes, fork with the child
# alive, writes by both, mremap; device writes through the pins must reach the
# mapping and CPU writes the pins.
# Why: §3.3 P1 (5.19+ fully); T7/T8 of §4.2; §2.2 (PAE reuse ignores the pin's
# references), §2.4 (copy for the child).
file f0 tmpfile 1p
f0 write
p0 mmap r0 4p anon private rw
p0 mmap r1 1p f0 private rw
p0 write r0
p0 gup g0 r0:1p pin write
p0 gup g1 r0+1p:1p pin write fast
p0 gup g2 r0+2p:1p pin write longterm
p0 iouring g3 r0+3p:1p
p0 gup g4 r1 pin write longterm
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
g0 read
g1 read
g2 read
g3 read
p0 fork p1
p0 write r0
p0 write r1
p1 write r0
p1 write r1
g0 read
g1 read
g2 read
g3 read
g4 read
g0 write
g3 write
g4 write
p0 read r0
p0 read r1
p0 mremap r0 r2
p0 write r2
g2 read
g3 read
f0 write
p0 read r1
g4 read
p1 read r0
