# cow.c non-anon "R/O longterm GUP-fast pin" with the shared zeropage (§4.4).
# What: as the slow-GUP variant, with GUP-fast.
# Why: GUP-fast gives up on the special zeropage PTE and falls back to the slow
# path (§2.18), which unshares (6.2+): the pin lands on a fresh exclusive anon
# page mapped R/O in mem, and the write fault reuses it (PAE). P3. Era G: P.
p0 mmap r0 1p anon private rw
p0 mmap r1 1p anon private r
p0 read r0
p0 read r1
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
p0 read r1
