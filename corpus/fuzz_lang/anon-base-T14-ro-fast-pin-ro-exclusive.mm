# cow.c "R/O GUP-fast pin on R/O-mapped exclusive page" (§4.1 T14).
# What: as T13 with GUP-fast.
# Why: GUP-fast may pin a R/O entry of a PAE anon page directly (no unshare
# needed, §2.18); the write fault reuses it (PAE). P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
