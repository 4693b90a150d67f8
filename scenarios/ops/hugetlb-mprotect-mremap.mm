# hugetlb mprotect and mremap (semantics §2.5, §2.8): mprotect keeps a
# private leaf read-only after R -> RW (no write upgrade; the next write
# faults and reuses), PROT_NONE hides it; mremap moves whole leaves with
# their reservation, and a pin follows the move.
p0 mmap r0 2m anon private rw hugetlb
p0 mmap r3 2m anon private rw hugetlb
p0 write r0:2p
p0 write r3:1p
p0 mprotect r0 r
p0 read r0:2p
p0 mprotect r0 none
p0 mprotect r0 rw
p0 write r0+1p:1p
p0 iouring g0 r3:1p
p0 mremap r3 r1
p0 write r1:1p
g0 read
p0 read r0:2p
p0 read r1:1p
