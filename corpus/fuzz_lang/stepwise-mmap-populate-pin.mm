# mmap with MAP_POPULATE stops after faulting in the first page. The
# mapping is in place by then: GUP-fast, which takes no mmap lock, pins
# that page for io_uring while mmap still holds the lock. The pin holds
# the mapping's page, which the program means from the moment the
# mapping exists, not from mmap's return.
expect ok
p0 mmap r0 2p anon private rw populate @t1
t1 step
p0 iouring g0 r0:1p
g0 read
t1 finish
g0 read
