# Era 5.9 (5.9 - 5.10): pinned pages could still be added to the swap cache
# and unmapped (fixed in 5.11 by feb889fb40fa, "mm: don't put pinned pages
# into the swap cache"). The io_uring buffer's page goes to swap; on refault
# it comes back read-only and the next write copies away from the pin.
era 5.9
expect violation pin-coherence/P7
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 madvise r0 pageout
p0 write r0
g0 read
