# memread (/proc/self/mem read: GUP with FOLL_FORCE, R/O).
# What: memread sees the same content as a load, on a PROT_NONE region (where
# loads fail), on a R/O private file mapping, on shared anon memory written by a
# child, and on an untouched region (zeros); it never changes anything.
# Why: FOLL_FORCE R/O GUP (§2.16: VM_MAYREAD suffices); a FOLL_GET reference is
# not a pin, so no unshare happens (§2.17).
file f0 memfd 1p
f0 write
p0 mmap r0 1p anon private rw
p0 mmap r1 1p f0 private r
p0 mmap r2 1p anon shared rw
p0 mmap r3 1p anon private rw
p0 write r0
p0 mprotect r0 none
p0 memread r0
p0 memread r1
p0 memread r3
p0 fork p1
p1 write r2
p0 memread r2
p1 memread r0
p0 mprotect r0 rw
p0 write r0
p1 memread r0
