# A write to a private mapping of a memfd-hugetlb file copies the whole
# huge page: its other 4 KiB pages freeze at the file's content of that
# moment (found by fuzz_mm: the oracle privatised 4 KiB at a time).
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 shared rw
p0 mmap r1 2m f0 private rw
p0 fork p1
p1 write r1:1p
p1 write r0:17p
p1 read r1:17p
p0 read r1:17p
