# Era 5.8 on a read-only private hugetlb mapping: the forced COW break turns
# a plain read GUP (here vmsplice) into a write fault on a VMA without
# VM_WRITE, and hugetlb, which has no FOLL_COW test, maps the huge page
# writable whatever the VMA says (hugetlb_cow(): set_huge_ptep_writable(),
# make_huge_pte(..., 1)). The process can then store to memory it mapped
# read-only. Before 5.8 and from 5.9 only FOLL_FORCE (/proc/self/mem)
# reached this path; 6.2 refuses it (f347454d0349). In era current the
# store raises SIGSEGV, as it must.
era 5.8
expect violation isolation/I1
p0 mmap r0 2m anon private r hugetlb
p0 read r0:1p
p0 vmsplice g0 r0:1p
p0 write r0:1p
