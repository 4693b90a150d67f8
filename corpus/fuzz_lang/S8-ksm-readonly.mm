# S8: KSM pages are never writable and never PAE.
# What: merged pages then go through everything that makes entries
# writable or pages exclusive without a copy: mprotect round trips (the
# upgrade needs PAE), clear-refs, fork (shares the KSM page), mremap,
# MADV_DONTFORK/DOFORK, compaction, reclaim (which leaves KSM pages
# alone); writes, /proc/self/mem writes and write pins always copy.
# Why: §3.1 S8, §2.11; §2.5 (can_change_pte_writable: KSM never), §2.2
# (KSM pages are always copied since 5.9), §2.17 (write GUP faults).
p0 mmap r0 4p anon private rw
p0 madvise r0 mergeable
p0 write r0 =1
ksm
p0 mprotect r0 r
p0 mprotect r0 rw
p0 clear-refs
p0 mprotect r0 rw
p0 fork p1
p0 mremap r0 r1
p0 madvise r1 dontfork
p0 madvise r1 dofork
compact
p0 read r1
p1 read r0
p0 write r1:1p
p0 memwrite r1+1p:1p
p0 gup g0 r1+2p:1p pin write
g0 write
p1 write r0+3p:1p
p0 read r1
p1 read r0
reclaim
p0 read r1
p1 read r0
p0 mprotect r1 r
p0 mprotect r1 rw
