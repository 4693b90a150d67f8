# Repeated fork/exit cycles with references accumulating and draining.
# What: the parent forks a child four times; each child vmsplices the shared
# pages, writes some of them and exits (its pipe goes away with it). The
# parent keeps a vmsplice of its own and writes between cycles. Afterwards the
# parent is the only user: pages without references are reused in place,
# pages still referenced by its own pipe are copied; data never leaks.
# Why: §2.4, §2.2 (copy vs reuse by refcount), §2.19, S1, S2, P5.
p0 mmap r0 2p anon private rw
p0 write r0
p0 vmsplice g0 r0:1p
p0 fork p1
p1 vmsplice g1 r0
p1 write r0+1p:1p
p1 exit
p0 fork p1
p1 vmsplice g1 r0
p0 write r0+1p:1p
p1 read r0
p1 exit
p0 fork p1
p1 write r0
p1 exit
p0 fork p1
p1 vmsplice g1 r0
p1 exit
g0 read
p0 write r0
g0 read
p0 read r0
p0 fork p1
p1 read r0
