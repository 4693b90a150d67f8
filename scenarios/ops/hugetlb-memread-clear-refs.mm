# hugetlb with /proc/self/mem and clear_refs: a forced read of a R/O
# private hugetlb mapping works (FOLL_FORCE without FOLL_WRITE), populating
# reads map the folio read-only; clear_refs leaves hugetlb leaves alone
# (its walk has no hugetlb callback), and a write still reuses the folio.
p0 mmap r0 2m anon private r hugetlb
p0 memread r0:2p
p0 madvise r0 populate-read
p0 mmap r1 2m anon private rw hugetlb populate
p0 write r1:1p
p0 clear-refs
p0 write r1:1p
p0 memwrite r1+1p:1p
p0 memread r1:2p
p0 read r0:1p
