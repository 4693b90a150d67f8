# A private mapping's read of a hole of a hugetlb file gets a zeroed page
# of its own: a later write to the file through a shared mapping does not
# show in it, while a private mapping that first touches the page after
# the write maps the file's page and sees it.
# What: p0 maps the file privately (r0, r2) and shared (r1); r0 reads the
# hole (hugetlb_no_page() gives a private mapping an anon page and adds
# nothing to the page cache), r1 writes the file, r0 still reads 0 and r2,
# touching it for the first time, reads the write.  A write to r0 reuses
# its page (mapped once, exclusive) and leaves the file alone.
# Why: semantics.md (private file mappings), mm/hugetlb.c hugetlb_no_page().
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 private rw
p0 mmap r1 2m f0 shared rw
p0 mmap r2 2m f0 private r
p0 read r0:1p
p0 write r1:1p =5
p0 read r0:1p
p0 read r2:1p
p0 write r0:1p =6
p0 read r1:1p
p0 read r2:1p
