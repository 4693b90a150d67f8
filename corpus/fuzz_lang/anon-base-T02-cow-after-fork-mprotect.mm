# cow.c "Basic COW after fork() with mprotect() optimization" (§4.1 T2).
# What: as T1, but the parent does mprotect(R) + mprotect(RW) before writing.
# Why: the mprotect write upgrade (64fe24a3e05e, §2.5) may only map PAE anon
# pages writable; the COW-shared page lost PAE at fork, so the PTE must stay
# read-only and the parent's write must copy. A mapcount-based upgrade would
# not matter here (mapcount 2), but a wrong upgrade rule would leak into p1.
# Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 read r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
p1 read r0
p0 read r0
