# R/O long-term pins of a MAP_SHARED mapping of a file opened read-only.
# What: such a VMA lacks VM_SHARED and VM_MAYWRITE but keeps VM_MAYSHARE: it is
# not a COW mapping (§1.4, §0.2), so a R/O long-term pin (slow, fast, forced
# on PROT_NONE) must NOT unshare: it lands on the page-cache page and keeps
# showing the file, like the mapping does, across pwrite()s and stores through
# another (writable) shared mapping.
# Why: §2.17 must-unshare applies to non-anon pages only "in a COW mapping";
# P3 is about COW mappings; the pin stays coherent (P4 spirit: no COW possible).
file f0 tmpfile 2p
file f1 shmem 1p
p0 mmap r0 2p f0 shared r ro-file
p0 mmap r1 2p f0 shared rw
p0 mmap r2 1p f1 shared none ro-file
p0 read r0
p0 gup g0 r0:1p pin longterm
p0 gup g1 r0+1p:1p pin longterm fast
p0 gup g2 r2 pin longterm force
f0 write
g0 read
g1 read
p0 write r1
g0 read
g1 read
p0 read r0
f1 write
g2 read
p0 memread r2
