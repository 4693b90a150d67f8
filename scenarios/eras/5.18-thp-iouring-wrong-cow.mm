# Era 5.18 (semantics §4.2 T7 PMD, D): PMD THPs now reuse by refcount, so
# a THP registered as an io_uring fixed buffer, mapped R/O by mprotect
# after clear-refs, is copied by the next write: the pin no longer sees
# what the process writes.
era 5.18
expect violation pin-coherence
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 iouring g0 r0:16p
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0:16p
g0 read
