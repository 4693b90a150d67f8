# GUP-fast vs fork (scenarios/eras/5.9-gup-fast-vs-fork.mm) from 5.11
# (era 5.18): the pin reads write_protect_seq, finds fork at work (odd) and
# falls back to the slow path, which waits for fork's mmap lock. Stepping
# the waiting GUP finishes the fork first; the pin then takes a write
# fault on the now COW-shared page and lands on the parent's own copy.
era 5.18
p0 mmap r0 2p anon private rw
p0 write r0
p0 fork p1 @t0
p0 gup g0 r0 pin write longterm fast @t1
t1 step
t1 finish
t0 finish
p0 write r0
g0 read
p1 read r0
