# cow.c "R/O GUP pin on R/O-mapped previously-shared page" with hugetlb (1g) (semantics.md §4.1 T11, §4.2 HTLB).
# What: fork, the child exits, R/O long-term pin, parent writes.
# Why: the write fault finds mapcount 1 and reuses the pinned folio in every
# era (mapcount rule); 5.19+ the unshare also reuses it (PAE). Pass.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p1 exit
p0 gup g0 r0:16p pin longterm
p0 write r0:16p
g0 read
p0 read r0:16p
