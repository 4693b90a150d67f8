# /proc/self/mem writes to a read-only private hugetlb mapping: refused
# with EFAULT since 6.2 (f347454d0349, semantics §2.14); before, FOLL_FORCE
# broke COW like on small pages.  Either way the process sees zeros.
# (Found by fuzz_mm: the oracle once took the refusal for an I1 bug.)
p0 mmap r0 2m anon private r hugetlb
p0 memread r0:2p
p0 memwrite r0:2p
p0 read r0:2p
