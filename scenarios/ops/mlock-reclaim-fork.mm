# Locked pages stay in memory through reclaim; the child of a fork does
# not inherit VM_LOCKED, so its COW-shared view may be swapped out, and
# both still see what they wrote.
expect ok
p0 mmap r0 4p anon private rw
p0 write r0
p0 mlock r0:2p
p0 fork p1
p1 write r0+1p:1p
reclaim
p0 read r0
p1 read r0
p1 madvise r0 dontneed
p1 read r0
