# madvise(MADV_DOFORK) undoes MADV_DONTFORK.
# What: DONTFORK then DOFORK on part of a region; the child inherits the whole
# region with the parent's content, and COW separates them afterwards.
# Why: DOFORK clears VM_DONTCOPY (§2.7); fork then COW-shares as usual (§2.4).
p0 mmap r0 2p anon private rw
p0 write r0
p0 madvise r0+1p:1p dontfork
p0 madvise r0+1p:1p dofork
p0 fork p1
p1 read r0
p0 write r0
p1 read r0
p1 write r0+1p:1p
p0 read r0
