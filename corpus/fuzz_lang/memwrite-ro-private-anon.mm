# memwrite (FOLL_FORCE|FOLL_WRITE) on a read-only private anonymous mapping.
# What: a plain store fails (SIGSEGV) but a /proc/self/mem write succeeds and
# is the process's own private write; after fork, a memwrite in the parent on
# the COW-shared page must copy (the child keeps the old data); the PTE stays
# read-only (a plain store still fails).
# Why: FOLL_FORCE may write to a COW mapping without VM_WRITE only via an
# exclusive anon page: a write fault produces one (reuse or copy) without
# making the PTE writable (§2.16, §2.17, 5535be309971; F1, F4).
p0 mmap r0 2p anon private r
p0 read r0
p0 write r0
p0 memwrite r0:1p
p0 read r0
p0 memwrite r0
p0 fork p1
p0 memwrite r0:1p
p1 read r0
p0 read r0
p0 write r0
p1 memwrite r0+1p:1p
p0 read r0
p1 read r0
