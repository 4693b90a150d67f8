# S3 pincount: a small folio with n outstanding pins has refcount >= 1024 x n
# (folio_maybe_dma_pinned true); pin/unpin pairs balance.
# What: three pins and a reference on the same page, one unpinned, fork (must
# still copy: maybe pinned), all unpinned, fork again (now shared, the parent's
# write copies, the child keeps its data).
# Why: §1.1 (bias 1024), §2.19, §2.4 (fork uses maybe_dma_pinned, P6).
p0 mmap r0 1p anon private rw
p0 write r0
p0 gup g0 r0 pin write
p0 gup g1 r0 pin
p0 gup g2 r0 pin longterm fast
p0 vmsplice g3 r0
g1 put
p0 fork p1
p0 write r0
g0 read
g2 read
p1 read r0
g0 put
g2 put
g3 put
p0 fork p2
p0 write r0
p2 read r0
p1 read r0
