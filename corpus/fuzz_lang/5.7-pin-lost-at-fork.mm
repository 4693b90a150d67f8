# cow.c T8 in era 5.7: fork shares a page pinned by an io_uring fixed buffer
# (no early COW before 70e806e4e645, 5.9). The parent's next write copies away
# from the pin: the device no longer sees the process's memory (the old
# RDMA + fork problem; MADV_DONTFORK was the workaround). Reported at the fork.
era 5.7
expect violation pin-coherence/P6
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 fork p1
p0 write r0
g0 read
