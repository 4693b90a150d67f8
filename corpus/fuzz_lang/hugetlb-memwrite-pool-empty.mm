# GUP writes (/proc/self/mem) into private mappings of a 1 GiB hugetlb file
# after forks: once the pool has no unreserved page left, the COW fails and
# memwrite gets EFAULT, as the kernel gives it (found by fuzz_mm).
file f0 memfd-hugetlb-1g 1g
p0 mmap r0 1g f0 private rw
p0 write r0:37p =1
p0 read r0:16p
p0 fork p1
p0 gup g0 r0:1p pin longterm
p0 gup g1 r0+1p:1p pin write
p0 read r0+15p:1p
compact
p0 fork p2
p0 mmap r0 1g f0 private rw
p0 write r0:37p =1
p0 read r0:16p
p0 fork p3
p0 gup g10 r0:1p pin longterm
p0 gup g2 r0+1p:1p pin write
p0 read r0+15p:1p
p0 fork p6
p0 madvise r0 wipeonfork
p0 read r0:16p
p0 vmsplice g6 r0:1p
p0 read r0:16p
p0 write r0+37p:1p
g1 read
g0 read
p0 madvise r0:1p dofork
p0 read r0:16p
compact
p6 mmap r0 1p anon private none
p0 mmap r0 63p anon private none
p3 memwrite r0:1p
p1 memwrite r0+24p:1p
