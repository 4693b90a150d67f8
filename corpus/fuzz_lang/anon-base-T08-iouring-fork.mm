# cow.c "fork() with an iouring fixed buffer" (§4.1 T8).
# What: register the page as an io_uring fixed buffer, fork and keep the child
# alive, the parent writes; the fixed buffer must see the parent's write and
# the child must keep the pre-fork content.
# Why: fork copies a possibly pinned PAE page for the child instead of sharing
# it (70e806e4e645, §2.4, P6), so the parent keeps its writable PTE on the
# pinned page and writes in place. ≤5.8 shared it and the parent's write copied
# away from the pin. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 fork p1
p0 write r0
g0 read
p1 read r0
p0 read r0
