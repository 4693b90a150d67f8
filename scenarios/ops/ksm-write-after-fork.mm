# KSM after fork (semantics §2.11, §2.4): the KSM page is shared by parent
# and child (VM_MERGEABLE is inherited, fork shares the read-only KSM page);
# each process's write copies it and the other keeps seeing the merged
# content; a page still mapped by both that the scan finds a second time is
# left as it is (a KSM page that fork shared). A write through
# /proc/self/mem and a write pin copy as well; reads through plain
# references see the content they took.
p0 mmap r0 3p anon private rw
p0 madvise r0 mergeable
p0 write r0 =5
ksm
p0 fork p1
ksm
p1 vmsplice g0 r0:1p
p0 write r0:1p
p1 read r0
g0 read
p1 write r0:1p
p0 read r0
g0 read
p0 memwrite r0+1p:1p
p1 read r0
p1 gup g1 r0+2p:1p pin write
g1 write
p1 read r0
p0 read r0
p0 fork p2
ksm
p2 write r0 =5
ksm
p2 read r0
p0 read r0
