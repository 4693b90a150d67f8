# cow.c T5 in era 5.8: the forced COW break of GUP (17839856fd58) acts only
# at GUP time. Here the parent's pipe takes its reference before fork, on a
# writable entry that GUP-fast takes as it is; fork shares the page (no
# early COW before 5.9), the parent unmaps, and the child, now the only
# mapper, writes in place (mapcount rule): the parent's pipe sees the
# child's private write. Fixed by refcount-based reuse in 5.9 (09854ba94c6a).
era 5.8
expect violation isolation/P5
p0 mmap r0 1p anon private rw
p0 write r0
p0 vmsplice g0 r0
p0 fork p1
p0 munmap r0
p1 write r0
g0 read
