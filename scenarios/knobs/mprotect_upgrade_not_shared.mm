# Buggy knob mprotect_upgrade_not_shared=on must be caught (semantics.md
# §2.5, §4.2): cow.c "vmsplice() + unmap in child with mprotect()
# optimization".  When the parent's mprotect runs, the child has unmapped
# the page, so it is not mapped shared and the bug upgrades it; the
# parent's write would then land in the page the child's pipe still
# holds; the upgrade itself is caught first (F3: writable over a page that
# needs COW).
knob mprotect_upgrade_not_shared=on
expect violation fault
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
g0 read
