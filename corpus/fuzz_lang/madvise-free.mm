# madvise(MADV_FREE) on private anonymous memory.
# What: lazily freed pages are not discarded without reclaim (not modelled), so
# they keep their content; a later store re-dirties them; a child forked before
# keeps its data; MADV_FREE on a page that is COW-shared with the child leaves
# it alone.
# Why: MADV_FREE only marks the page lazy-free; reclaim would discard it only if
# refcount == 1 + mapcount and not redirtied (§2.6); no reclaim runs here.
p0 mmap r0 3p anon private rw
p0 write r0
p0 madvise r0:1p free
p0 read r0
p0 write r0:1p
p0 read r0
p0 fork p1
p0 madvise r0 free
p1 read r0
p0 read r0
p0 write r0+1p:1p
p1 read r0
