# cow.c T9 with hugetlb, era 5.18: no unsharing before 5.19, so a R/O
# long-term pin lands on the COW-shared folio and the parent's write
# copies away from it (P2). 5.19 unshares (c89357e27f20, a7f226604170).
# Passes in era current.
era 5.18
expect violation pin-coherence/P2
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:1p
p0 fork p1
p0 gup g0 r0:1p pin longterm
p0 write r0:1p
g0 read
