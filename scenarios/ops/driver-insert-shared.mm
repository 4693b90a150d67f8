# A shared driver mapping of a device opened read-only: the zeropage the
# driver inserts stays read-only for good.
# What: r0 is a shared mapping of a character device opened read-only (no
# VM_MAYWRITE, no VM_SHARED); the driver inserts the zeropage everywhere
# (allowed: no entry there can ever become writable).  Reads see zeros; a
# store raises SIGSEGV; mprotect(rw) fails with EACCES; a memwrite fails with
# EFAULT (FOLL_FORCE writes need a COW mapping).  A R/O long-term pin stays on
# the zeropage (not a COW mapping: no unshare) and stays coherent; a
# vmsplice (FOLL_GET, GUP-fast falls back on the special entry) sees zeros.
# A fork copies the entries: the child reads zeros without a fault handler.
# Why: §2.23 (allowed without VM_WRITE|VM_MAYWRITE; R/O long-term pin keeps
# the zeropage in a non-COW mapping; GUP-fast falls back), §1.4 (ro-file
# shared mapping), §2.16 (FOLL_FORCE write needs a COW mapping), P4, S5.
p0 mmap r0 2p driver shared r ro-file
p0 insert-zeropage r0
p0 read r0
p0 write r0
p0 mprotect r0 rw
p0 memwrite r0
p0 gup g0 r0 pin longterm
p0 vmsplice g1 r0
p0 fork p1
p1 read r0
p0 mprotect r0 none
p0 mprotect r0 r
p0 read r0
g0 read
g1 read
p1 exit
g0 put
g1 read
