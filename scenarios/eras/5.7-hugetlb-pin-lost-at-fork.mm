# cow.c T8 with hugetlb, era 5.7: fork shares a pinned hugetlb folio.
# No early COW for hugetlb before 5.12 (4eae4efa2c29): the folio becomes
# COW-shared and the parent's next write copies away from the io_uring
# buffer (P6 at the fork). Passes in era current (selftest
# anon-hugetlb-2m-T08-iouring-fork).
era 5.7
expect violation pin-coherence/P6
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 iouring g0 r0
p0 fork p1
p0 write r0
g0 read
