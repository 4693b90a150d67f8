# clear-refs (echo 4 > /proc/self/clear_refs, soft-dirty reset).
# What: after clear-refs, writable PTEs are write-protected; stores must still
# work (write fault reuses the PAE page); mprotect(R)+(RW) after clear-refs does
# not upgrade, and the next store again reuses; a R/W pinned page keeps its
# writable PTE and the pin stays coherent; the child is unaffected.
# Why: §2.24 (9348b73c2e1b: pinned writable PTEs skipped), §2.5 (no upgrade
# while soft-dirty tracking is pending), §2.2 (PAE reuse); P1.
p0 mmap r0 2p anon private rw
p0 mmap r1 1p anon private rw
p0 write r0
p0 write r1
p0 gup g0 r1 pin write longterm
p0 clear-refs
p0 write r0:1p
p0 write r1
g0 read
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
p0 fork p1
p0 clear-refs
p0 write r1
g0 read
p1 read r0
p1 clear-refs
p1 write r0:1p
p0 read r0
