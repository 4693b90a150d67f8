# Control for knobs/unshare_maps_writable.mm: era current runs clean; the plain
# write fails with SIGSEGV (not a violation) and nothing changes.
# What: a written 2-page private anon region is made read-only (mprotect R,
# VM_WRITE cleared), shared with a child by fork (PAE cleared, PTEs R/O); the
# child unmaps page 1 (so page 0 is still shared -> unshare copies, page 1 is
# only mapped by the parent with refcount 1 -> unshare reuses). The parent takes
# a R/O short-term pin (FOLL_PIN, must unshare both non-PAE pages), then tries
# a plain write, which must fail with SIGSEGV (the VMA is read-only).
# Correct rule (§2.3, F2): an unshare fault makes the page exclusive (copy or
# reuse) but maps it read-only.
# Bug (knob unshare_maps_writable): the unshare maps the pages writable in a VMA
# without VM_WRITE (fault/F2 at the gup); the later plain write would then
# succeed, which the view oracle would report (isolation/I1).
p0 mmap r0 2p anon private rw
p0 write r0
p0 mprotect r0 r
p0 fork p1
p1 munmap r0+1p:1p
p0 gup g0 r0 pin
p0 write r0
p0 read r0
p1 read r0:1p
g0 read
