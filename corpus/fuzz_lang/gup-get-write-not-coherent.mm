# gup get write: a plain FOLL_GET|FOLL_WRITE reference is not a pin.
# What: a written private page gets a get-write reference; fork shares the page
# (plain references do not make fork copy: only possibly pinned pages are
# copied); the parent's next write copies away from the referenced page, so the
# reference keeps showing the parent's pre-fork data. That is how the kernel
# behaves and must not be reported: only long-term and write *pins* must stay
# coherent (program.md §4), and the old data is not another process's write.
# Why: §2.4 (fork copies only if maybe_dma_pinned: refcount >= 1024 for small
# folios), §2.2 (refcount > 1 -> copy).
p0 mmap r0 1p anon private rw
p0 write r0
p0 gup g0 r0 get write
p0 fork p1
p0 write r0
g0 read
p1 read r0
p1 write r0
g0 read
p0 read r0
