# hugetlb shared mappings (MAP_SHARED|MAP_HUGETLB and memfd-hugetlb): the
# page-cache folio is mapped writable, fork shares it (no COW: the child
# refaults the same folio), every mapping sees every write (S7, P4); a
# private mapping of the file sees the file until it writes.
file f0 memfd-hugetlb 2m
p0 mmap r0 2m anon shared rw hugetlb
p0 write r0:2p
p0 fork p1
p1 write r0+1p:1p
p0 read r0:2p
p0 mmap r1 2m f0 shared rw
p0 mmap r2 2m f0 private rw
p0 write r1:1p
p0 read r2:1p
p0 gup g0 r1:2p pin write longterm
p0 fork p2
p2 write r1:1p
g0 read
p0 read r1:1p
p2 read r2:1p
p2 write r2:1p
p0 read r2:1p
p0 read r1:1p
