# A process forked from a child whose private hugetlb page the owner took
# away reads zero where the child's data was, once the pool has a page
# again: known hugetlb-cow-lost (program.md §6 extended, README).
# What: the pool has one page.  p0 writes its private anon huge page and
# forks p1, which shares it; p0's write must copy, finds no page, and
# takes the page from p1 (hugetlb_wp() -> unmap_ref_private()), whose
# faults get SIGBUS from now on.  p1 forks p2: fork clears the reservation
# map and its flags (hugetlb_dup_vma_private()), so p2 is not marked, and
# p1 has no entry there to copy.  p0 unmaps, its page goes back to the
# pool, and p2's read is a first touch: a zeroed page where the program
# says p1's data (#1) is.
# Why: MAP_PRIVATE hugetlb guarantees its pages only to the process that
# mapped it (§2.14); the kernel does not remember what p1 lost.
expect known hugetlb-cow-lost
config hugetlb=2m:1,1g:0
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:1p =1
p0 fork p1
p0 write r0:1p =2
p1 fork p2
p0 munmap r0
p2 read r0:1p
