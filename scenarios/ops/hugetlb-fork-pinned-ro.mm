# fork of a pinned page in a read-only private hugetlb mapping: the child's
# copy stays read-only (found by fuzz_mm: it was mapped writable).
p0 mmap r0 4p anon private rw
p0 mmap r0 2m anon private r hugetlb
p0 memread r0:2p
p0 memwrite r0:2p
p0 gup g1 r0+1p:1p pin longterm fast
p0 gup g2 r0+2p:1p pin write
p0 fork p2
p0 gup g3 r0+3p:1p pin write longterm fast
p0 clear-refs
p0 mprotect r0 r
p0 mprotect r0 rw
p0 vmsplice g4 r0
p0 madvise r0 dontfork
p0 madvise r0 dofork
p0 fork p3
g1 read
g2 read
g3 read
p2 write r0
g1 read
g3 read
