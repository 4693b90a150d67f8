# cow.c "R/O GUP pin on R/O-mapped shared page" with hugetlb (2m) (semantics.md §4.1 T09, §4.2 HTLB).
# What: fork (child alive), R/O long-term pin in the parent, parent writes;
# the pin must see the write.
# Why: 5.19+ the R/O pin of a folio whose head is not PAE unshares (copy,
# mapped R/O, PAE) and the write reuses it (§2.3, §2.14). Before 5.19 the
# pin lands on the shared folio and the write copies away from it (P2).
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p1 read r0
p0 read r0
