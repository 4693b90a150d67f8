# cow.c "vmsplice() + unmap in parent after fork()" (§4.1 T6).
# What: fork; the parent vmsplices the shared page and unmaps it; the child
# writes (and exits); the parent's pipe must still return the old data.
# Why: vmsplice is FOLL_GET without FOLL_WRITE, so no unshare (§2.21); the
# page stays COW-shared. The child's write sees mapcount 1 but refcount 2 (pipe)
# and no PAE, so it copies (§2.2). Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 vmsplice g0 r0
p0 munmap r0
p1 write r0
g0 read
p1 read r0
p1 exit
g0 read
