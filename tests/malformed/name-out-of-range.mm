# Regions are r0..r15.
p0 mmap r16 1p anon private rw
