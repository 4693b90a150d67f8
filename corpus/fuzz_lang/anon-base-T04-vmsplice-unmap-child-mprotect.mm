# cow.c "vmsplice() + unmap in child with mprotect() optimization" (§4.1 T4).
# What: as T3, plus an mprotect(R)+mprotect(RW) round trip in the parent before
# its write.
# Why: at mprotect time the parent's PTE maps a page with mapcount 1 but which
# is not PAE (shared at fork) and still referenced by the pipe. The upgrade
# rule (§2.5, can_change_pte_writable) requires PAE, so the PTE stays R/O and
# the write copies. A mapcount-based upgrade would map the page writable and
# leak into the pipe (knob mprotect_upgrade_mapcount). Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
g0 read
p0 read r0
