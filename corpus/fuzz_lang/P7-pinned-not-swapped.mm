# P7: a pinned page is never swapped out (5.11+, feb889fb40fa; 5.19's
# clear-then-check protocol). MADV_PAGEOUT and reclaim must leave a page
# with an io_uring fixed buffer mapped; the device keeps writing the
# process's memory.
p0 mmap r0 2p anon private rw
p0 write r0
p0 iouring g0 r0:1p
p0 madvise r0 pageout
reclaim
g0 write
p0 read r0
p0 write r0
g0 read
