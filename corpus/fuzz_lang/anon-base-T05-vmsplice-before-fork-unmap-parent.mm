# cow.c "vmsplice() before fork(), unmap in parent after fork()" (§4.1 T5).
# What: the parent vmsplices the page, forks, unmaps its copy; the child writes
# (and exits); the parent's pipe must still return the old data.
# Why: the reference was taken before fork, so no GUP-time COW break helps (5.8
# fails). After the parent's munmap the child is the only mapper, but the pipe
# reference keeps refcount at 2 and the page is not PAE, so the child's write
# fault copies (refcount rule, 5.9+; §2.2). Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 vmsplice g0 r0
p0 fork p1
p0 munmap r0
p1 write r0
g0 read
p1 read r0
p1 exit
g0 read
