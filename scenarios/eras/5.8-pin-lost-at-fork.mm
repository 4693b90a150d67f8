# cow.c T8 in era 5.8: the forced COW break does nothing for a pin taken
# before fork. fork shares the page pinned by an io_uring fixed buffer (no
# early COW before 70e806e4e645, 5.9); the parent's next write sees
# mapcount 2 and copies away from the pin, so the device no longer sees the
# process's memory. Reported at the fork.
era 5.8
expect violation pin-coherence/P6
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 fork p1
p0 write r0
g0 read
