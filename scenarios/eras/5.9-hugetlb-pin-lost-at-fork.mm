# 5.9 - 5.11: early COW at fork for pinned pages exists for PTEs
# (70e806e4e645) but not yet for hugetlb (4eae4efa2c29, 5.12): a pinned
# hugetlb folio is still COW-shared at fork (P6), 1 GiB as 2 MiB. Passes
# in era current.
era 5.9
expect violation pin-coherence/P6
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:1p
p0 gup g0 r0:1p pin write longterm
p0 fork p1
p0 write r0:1p
g0 read
