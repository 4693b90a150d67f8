# vmsplice of a full default pipe (16 pages, 64 KiB), after fork.
# What: after fork both processes vmsplice the same 16 COW-shared pages into
# their own pipes; the child writes half of them, the parent all of them; both
# pipes must keep the pre-fork data for every page.
# Why: vmsplice takes FOLL_GET references without unsharing (§2.21); every
# writer then finds refcount > 1 on a non-PAE page and copies (§2.2, P5).
p0 mmap r0 16p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p0 vmsplice g1 r0
p1 write r0:8p
g0 read
g1 read
p0 write r0
g0 read
g1 read
p0 read r0
