# Buggy knob mprotect_upgrade_mapcount=on must be caught (Appendix A, §4.2 note).
# What: cow.c T4 ("vmsplice() + unmap in child with mprotect() optimization"):
# fork; the child vmsplices the page (FOLL_GET) and unmaps it; the parent does
# mprotect(R)+mprotect(RW) and writes; the pipe is read.
# State at the parent's mprotect(RW): the page has mapcount 1 (parent only),
# refcount 2 (parent PTE + pipe), PAE clear (fork shared it).
# Correct rule (64fe24a3e05e, §2.5 can_change_pte_writable): upgrade only PAE
# anon pages -> the PTE stays R/O, the write copies (refcount 2), the pipe keeps
# the old content.
# Bug (knob mprotect_upgrade_mapcount): mapcount == 1 -> the PTE becomes
# writable on a non-PAE page (F3 at mprotect; X1/X4 structurally) and the
# parent's write lands in the page the pipe references (isolation/P5 at g0
# read). The first report is at the mprotect(RW): fault/F3 (operation check)
# if operation-level checks are reported before structural ones.
knob mprotect_upgrade_mapcount=on
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
p0 read r0
