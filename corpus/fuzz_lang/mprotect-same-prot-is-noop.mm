# mprotect() to the protection a VMA already has changes nothing: the
# kernel's mprotect_fixup() returns before splitting the VMA or touching
# an entry when the flags do not change.  In 5.9 a write-protected entry
# of a pinned page is copied on the next write (no exclusivity yet), so a
# model that write-protected here would lose the pin (P1).
era 5.9
expect ok
p0 mmap r0 2p anon private rw
p0 write r0
p0 gup g0 r0+1p:1p pin write longterm
p0 mprotect r0 rw
p0 write r0
g0 read
