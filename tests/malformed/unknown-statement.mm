# A statement keyword that does not exist.
p0 mmap r0 1p anon private rw
frobnicate r0
