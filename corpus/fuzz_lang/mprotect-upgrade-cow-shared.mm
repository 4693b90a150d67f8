# mprotect(RW) must not upgrade COW-shared or previously shared anon pages.
# What: after fork (child alive) the parent does mprotect(R)+mprotect(RW) and
# writes: the child must keep the old data. Then the child exits (the parent's
# page is mapped once but still not PAE), the parent repeats the round trip on
# a second page and writes again; a zeropage-mapped page (read before the
# fork) is round-tripped too and then written.
# Why: the upgrade requires PAE (§2.5, F3); a shared or previously shared page
# lost PAE at fork, the zeropage is never PAE. Writes must fault: copy while
# shared, reuse via refcount == 1 once the child is gone (§2.2).
p0 mmap r0 3p anon private rw
p0 write r0:2p
p0 read r0
p0 fork p1
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0:1p
p1 read r0
p1 exit
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0+1p:1p
p0 read r0
p0 write r0+2p:1p
p0 fork p2
p2 read r0
p0 write r0
p2 read r0
