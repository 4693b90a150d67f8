# A write GUP that fails part way leaves its COW faults behind.
# What: a write pin over [page 0, hole, page 2] of a private memfd mapping. The
# kernel's slow path walks page by page (§2.17): it write-faults page 0 (COW:
# a private anon copy of the file content), then finds no VMA at page 1 and
# stops; the caller releases what it pinned and the statement fails (EFAULT).
# The copy of page 0 stays mapped: a later pwrite() is no longer visible at
# page 0, while page 2 (never reached) still follows the file. Likewise for a
# forced write pin on a R/O mapping and for io_uring.
# Why: §2.17 (per-page lookup and fault, in address order), §2.2 (private file
# write fault copies); the failed GUP does not undo page-table changes.
file f0 memfd 3p
f0 write
p0 mmap r0 3p f0 private rw
p0 mmap r1 3p f0 private r
p0 mmap r2 3p f0 private rw
p0 munmap r0+1p:1p
p0 munmap r1+1p:1p
p0 munmap r2+1p:1p
p0 gup g0 r0 pin write
p0 gup g1 r1 pin write force
p0 iouring g2 r2
f0 write
p0 read r0:1p
p0 read r0+2p:1p
p0 read r1:1p
p0 read r1+2p:1p
p0 read r2:1p
p0 read r2+2p:1p
