# A child whose hugetlb page the owner took away gets SIGBUS for good, even
# once the pool has pages again (found by fuzz_mm).
# What: p0 owns a private hugetlb mapping (one reserved 2m page, written),
# forks p1, then reserves the pool's last page for r1.  Its write to r0 must
# copy the page p1 maps, finds no page it may take, and takes p1's instead:
# p1's mapping loses it and is marked.  p0 then unmaps r1, so the pool has
# an unreserved page again; p1's later faults still fail (memread and
# memwrite with EFAULT, a load with SIGBUS), which is not a violation.
# Why: §2.14 (owner steals on a failed COW; the child gets SIGBUS later).
config hugetlb=2m:2,1g:0
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p0 mmap r1 2m anon private rw hugetlb
p0 write r0
p0 munmap r1
p1 memread r0
p1 memwrite r0
p1 read r0
p0 read r0
