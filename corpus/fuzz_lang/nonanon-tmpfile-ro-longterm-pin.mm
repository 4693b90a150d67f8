# cow.c non-anon "R/O longterm GUP pin" with tmpfile (semantics.md §4.4).
# What: a one-page tmpfile f0; mem (r0) MAP_PRIVATE writable, smem (r1)
# MAP_SHARED read-only; both read. R/O long-term pin on mem (slow GUP), write
# mem, read through the pin: it must observe the write (what mem shows).
# Why: the slow path sees a R/O PTE of a page-cache page in a COW mapping with
# FOLL_LONGTERM and must unshare (8d6a0ac09a16, 84209e87c696, 6.2+; §2.3,
# §2.17): mem gets an exclusive anon copy mapped R/O and the pin lands on it
# (P3). The write fault reuses that PAE page. Pre-6.2 (except 5.8) the pin held
# the page-cache page and the write copied away from it. Era G: P.
file f0 tmpfile 1p
p0 mmap r0 1p f0 private rw
p0 mmap r1 1p f0 shared r
p0 read r0
p0 read r1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
p0 read r1
