# madvise(MADV_FREE) on a pinned page.
# What: a R/W long-term pinned page is MADV_FREE'd; it stays mapped (no
# reclaim), so the pin stays coherent with the process's writes and device
# writes through the pin are visible.
# Why: MADV_FREE keeps the PTE; reclaim would skip pinned pages anyway (extra
# references, §2.6); P1 / P7.
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 madvise r0 free
p0 write r0
g0 read
g0 write
p0 read r0
