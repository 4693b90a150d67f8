# cow.c T7 in era 5.9 (5.9 - 5.17): "wrong COW". A write pin (io_uring fixed
# buffer) on an exclusive page; mprotect(R), clear_refs, mprotect(RW) leave the
# PTE read-only (no mprotect upgrade before 6.0); the next write faults and
# the refcount rule (09854ba94c6a) sees the pin's references and copies: the
# device loses sync with the process. Fixed by PageAnonExclusive in 5.19.
era 5.9
expect violation pin-coherence/P1
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
g0 read
