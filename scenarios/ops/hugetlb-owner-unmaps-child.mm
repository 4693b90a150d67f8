# hugetlb: the reservation owner's COW with an empty pool (semantics §2.14).
# What: one 2 MiB page in the pool; p0 maps and writes it, forks; p1 maps
# the shared folio; p0's write must copy, but no page is left: p0 owns the
# reservation, so the page is taken away from p1 (unmap_ref_private) and p0
# reuses it. p0 keeps its data and its write; p1's next access gets SIGBUS
# (HPAGE_RESV_UNMAPPED), which the kernel does on purpose (cow.c reserves
# two pages to avoid it). Nothing is violated: p1 no longer maps the page.
config hugetlb=2m:1
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:4p
p0 fork p1
p1 read r0:4p
p0 write r0:4p
p0 read r0:4p
p1 read r0:4p
p1 write r0:4p
p0 read r0:4p
