# madvise(MADV_WIPEONFORK).
# What: the child gets the wiped region empty (zeros) while a normal region is
# inherited; the parent keeps its data; the child's writes to the wiped region
# are its own. WIPEONFORK on a shared or file mapping is refused (EINVAL, the
# statement fails, not a violation) and that region is inherited normally.
# Why: VM_WIPEONFORK: private anonymous VMAs only, duplicated empty (§2.4, §2.7).
file f0 memfd 1p
p0 mmap r0 2p anon private rw
p0 mmap r1 1p anon private rw
p0 mmap r2 1p anon shared rw
p0 mmap r3 1p f0 private rw
p0 write r0
p0 write r1
p0 write r2
p0 write r3
p0 madvise r0 wipeonfork
p0 madvise r2 wipeonfork
p0 madvise r3 wipeonfork
p0 fork p1
p1 read r0
p1 read r1
p1 read r2
p1 read r3
p0 read r0
p1 write r0:1p
p0 read r0
p1 read r0
