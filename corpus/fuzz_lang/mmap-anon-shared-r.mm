# mmap: shared anonymous, read-only, then made writable.
# What: a read-only shared anonymous region reads as zeros and rejects stores
# (SIGSEGV); mprotect(RW) succeeds (VM_MAYWRITE: the shmem object is writable)
# and writes are then shared with a child forked earlier.
# Why: shared mappings have VM_MAYWRITE unless the file was opened read-only
# (§1.4); writes go to the shared object (§2.2 case 1).
p0 mmap r0 2p anon shared r
p0 read r0
p0 write r0
p0 fork p1
p0 mprotect r0 rw
p0 write r0
p1 read r0
