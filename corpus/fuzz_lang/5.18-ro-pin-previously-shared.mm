# cow.c T11 in era 5.18: the page was COW-shared with a child that has exited;
# a R/O long-term pin takes it as it is (no unshare before 5.19), and the
# parent's write copies because the pin's references count: pin lost.
era 5.18
expect violation pin-coherence/P2
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 exit
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
