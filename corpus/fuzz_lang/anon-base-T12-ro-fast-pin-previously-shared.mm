# cow.c "R/O GUP-fast pin on R/O-mapped previously-shared page" (§4.1 T12).
# What: as T11 with GUP-fast.
# Why: GUP-fast sees a R/O entry of a non-PAE anon page, must unshare, falls
# back to the slow path, which reuses the page (refcount 1) and marks it PAE
# (§2.3, §2.18). The write then reuses it. P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 exit
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
