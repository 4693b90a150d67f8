# R/O long-term pin of a memfd-hugetlb page in a private mapping, era 5.19
# (5.19 - 6.1): unsharing is for anon pages only, so the pin holds the
# page-cache folio and the write copies away from it (P3). 6.2 unshares
# non-anon pages in COW mappings (84209e87c696). Passes in era current.
# The file's page is made by a shared mapping's read first: a private
# mapping's read of a hole would get an anon page instead.
era 5.19
expect violation pin-coherence/P3
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 private rw
p0 mmap r1 2m f0 shared r
p0 read r1:1p
p0 read r0:1p
p0 gup g0 r0:1p pin longterm
p0 write r0:1p
g0 read
