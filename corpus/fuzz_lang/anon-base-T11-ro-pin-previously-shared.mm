# cow.c "R/O GUP pin on R/O-mapped previously-shared page" (§4.1 T11).
# What: fork, the child exits (page now mapped R/O only by the parent, not PAE),
# R/O long-term pin, parent writes; the pin must observe the write.
# Why: must-unshare is true (not PAE); the unshare fault finds refcount 1 and
# reuses the page, setting PAE without making the PTE writable (§2.3). The
# write fault then reuses the PAE page despite the pin. 5.9–5.18 copied here
# ("wrong COW"). P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 exit
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
