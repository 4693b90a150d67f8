# cow.c "R/O GUP pin on R/O-mapped previously-shared page" with hugetlb (2m) (semantics.md §4.1 T11, §4.2 HTLB).
# What: fork, the child exits, R/O long-term pin, parent writes.
# Why: the write fault finds mapcount 1 and reuses the pinned folio in every
# era (mapcount rule); 5.19+ the unshare also reuses it (PAE). Pass.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 exit
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
