# A private hugetlb mapping's read of a hole of its file takes one page,
# not two: the owner's COW after fork finds the second page free, and
# nobody loses anything (this scenario once expected known
# hugetlb-cow-lost; checked on 6.18 with repro-c, nr_hugepages=2).
# What: p0 maps one huge page of a hugetlb memfd privately; its read on
# the hole gets an anon page of its own from the mapping's reservation
# (hugetlb_no_page() adds nothing to the page cache for a private
# mapping), its write reuses it (mapped once).  p0 forks p1, which shares
# it; p0 writes again and copies into the pool's other page.  p1 keeps
# #1, and so does p2, forked from it.
# Why: mm/hugetlb.c hugetlb_no_page(), hugetlb_wp().  The owner taking a
# page away is hugetlb-owner-unmaps-child*.mm, and a grandchild reading
# what its parent lost is hugetlb-cow-lost-pool-refilled.mm.
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
