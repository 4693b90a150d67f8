# Two references on one shmem page (a child's vmsplice through a private
# mapping that still shows the file, and a write pin through a shared
# one) keep the same page after MADV_REMOVE takes it out of the file:
# what a device writes through the pin, the pipe then shows (found by
# fuzz_mm).
expect ok
file f0 shmem 1p
p0 mmap r0 1p f0 shared rw
p0 mmap r1 1p f0 private rw
p0 fork p1
p1 vmsplice g0 r1
p0 gup g1 r0 pin write
p0 madvise r0 remove
g1 write
g0 read
p0 read r0
