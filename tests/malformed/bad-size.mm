# Sizes are multiples of 4 KiB.
p0 mmap r0 3k anon private rw
