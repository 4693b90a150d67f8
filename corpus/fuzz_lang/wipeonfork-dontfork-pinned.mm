# Pins in WIPEONFORK and DONTFORK VMAs across fork.
# What: a R/W long-term pinned region marked WIPEONFORK (the child gets it
# empty) and a R/O long-term pinned region marked DONTFORK (the child does not
# get it); part of a third region is DONTFORK. The parent's pins stay coherent,
# the child sees zeros / only the inherited part.
# Why: §2.4 (VM_WIPEONFORK duplicated empty, VM_DONTCOPY not duplicated),
# §2.7 (VMA split), P1, P2.
p0 mmap r0 1p anon private rw
p0 mmap r1 1p anon private rw
p0 mmap r2 3p anon private rw
p0 write r0
p0 write r1
p0 write r2
p0 iouring g0 r0
p0 gup g1 r1 pin longterm
p0 madvise r0 wipeonfork
p0 madvise r1 dontfork
p0 madvise r2+1p:1p dontfork
p0 fork p1
p1 read r0
p1 read r2:1p
p1 read r2+2p:1p
p0 write r0
p0 write r1
p0 write r2
g0 read
g1 read
p1 write r0
p1 write r2:1p
p0 read r0
p0 read r2
p1 read r0
p1 read r2+2p:1p
