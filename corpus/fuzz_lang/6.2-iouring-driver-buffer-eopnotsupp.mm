# An io_uring fixed buffer in a driver's private mapping in era 6.2 (6.2 -
# 6.14; the kernel changed in 6.5): the VMA is backed by the device's
# file, which is neither shmem nor hugetlbfs, so io_uring refuses the
# registration with EOPNOTSUPP after pinning (the pin's write fault has
# already replaced the zeropage the driver inserted by a private copy).
# Since 34ed8d0dcd69 (6.5) only GUP decides: a private mapping is not
# dirty-tracked, so era current registers the same buffer.
# Nothing stays held: the process's writes reuse its copy, and a fork and
# the child's write behave as without the attempt.  Runs clean in era 6.2
# and in era current.
era 6.2
p0 mmap r0 2p driver private rw
p0 insert-zeropage r0
p0 iouring g0 r0
p0 read r0
p0 write r0
p0 fork p1
p1 write r0+1p
p0 read r0
p1 read r0
p1 exit
