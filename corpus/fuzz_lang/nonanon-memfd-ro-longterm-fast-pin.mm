# cow.c non-anon "R/O longterm GUP-fast pin" with memfd (semantics.md §4.4).
# What: as the slow-GUP variant, with GUP-fast.
# Why: GUP-fast has no VMA, so a long-term R/O pin of any non-anon page falls
# back to the slow path (§2.17, §2.18), which unshares (6.2+): the pin lands on
# an exclusive anon copy mapped R/O in mem and the write fault reuses it. P3.
# Era G: P.
file f0 memfd 1p
p0 mmap r0 1p f0 private rw
p0 mmap r1 1p f0 shared r
p0 read r0
p0 read r1
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p0 read r0
p0 read r1
