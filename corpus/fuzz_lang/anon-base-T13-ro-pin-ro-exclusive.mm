# cow.c "R/O GUP pin on R/O-mapped exclusive page" (§4.1 T13).
# What: mprotect(R), clear soft-dirty, mprotect(RW) (the PTE stays R/O because
# soft-dirty tracking wants a write fault, §2.24/§2.5), R/O long-term pin,
# write; the pin must observe the write.
# Why: the page is PAE, so no unshare is needed and the pin lands on the mapped
# page; the write fault reuses the PAE page even though it is pinned (§2.2).
# 5.9–5.18 copied it (refcount rule). P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
