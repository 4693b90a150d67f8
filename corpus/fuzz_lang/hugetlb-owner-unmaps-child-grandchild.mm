# A process forked from a child whose private hugetlb page the owner took
# away maps the file's page where the child's data was: known
# hugetlb-cow-lost (found by fuzz_mm).
# What: p0 maps one huge page of a hugetlb memfd privately; its read puts
# the file's page in the page cache, its write copies it into the mapping's
# reserved page, and the pool (two pages) is empty.  p0 forks p1, which
# shares the copy; p0 writes again, must copy, finds no page and takes
# p1's (p1's faults get SIGBUS from now on, which is not a violation).
# p1 forks p2: the kernel gives the child no reservation map
# (hugetlb_dup_vma_private()), so p2 does not inherit the mark, and its
# read maps the file's page (0) where the program says p1's data (#1) is.
# Why: program.md §6 extended (README, "Known kernel behaviours"): MAP_PRIVATE
# hugetlb guarantees its pages only to the process that mapped it (§2.14).
expect known hugetlb-cow-lost
config hugetlb=2m:2,1g:0
file f0 memfd-hugetlb 2m
p0 mmap r0 2m f0 private rw
p0 read r0:1p
p0 write r0:1p =1
p0 fork p1
p0 write r0:1p =2
p1 read r0:1p
p1 fork p2
p2 read r0:1p
