# MADV_COLLAPSE (6.1+) copies a PTE-mapped range into a new exclusive THP
# (§2.12, never in place); the child that shared the old pages keeps them
# and is unaffected by the parent's later writes.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 fork p1
p0 madvise r0 collapse
p0 write r0:16p
p1 read r0:16p
p0 read r0:16p
