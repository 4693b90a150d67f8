# madvise(MADV_KEEPONFORK) undoes MADV_WIPEONFORK.
# What: WIPEONFORK then KEEPONFORK: the child inherits the content; a second
# region keeps WIPEONFORK and is empty in the child.
# Why: KEEPONFORK clears VM_WIPEONFORK (§2.7).
p0 mmap r0 1p anon private rw
p0 mmap r1 1p anon private rw
p0 write r0
p0 write r1
p0 madvise r0 wipeonfork
p0 madvise r1 wipeonfork
p0 madvise r0 keeponfork
p0 fork p1
p1 read r0
p1 read r1
p0 write r0
p1 read r0
