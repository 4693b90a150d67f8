# fork copies the entries of a driver mapping (VM_MIXEDMAP): the child sees
# what the driver inserted, and each process's write copies for itself.
# What: a private rw driver mapping gets the zeropage in its first two pages;
# p0 writes page 0 (a private copy), then forks.  The child reads the
# parent's copy and the zeropage (no fault handler could give it anything:
# the entries must have been copied), and SIGBUS on the page nothing was
# inserted at.  Child and parent then write page 1 in turn (each copies the
# zeropage) and page 0 (the shared anon copy: COW); neither sees the other's
# writes.  A dontfork driver mapping (r1) is left out of a second child.  A
# shared ro-file driver mapping (r2) is copied too.
# Why: §2.4 (copy_page_range for PFNMAP/MIXEDMAP VMAs; special entries
# copied as they are; anon pages shared read-only), §2.23, P5, X1-X4.
p0 mmap r0 3p driver private rw
p0 mmap r1 1p driver private rw
p0 mmap r2 1p driver shared r ro-file
p0 insert-zeropage r0:2p
p0 insert-zeropage r1
p0 insert-zeropage r2
p0 write r0:1p
p0 fork p1
p1 read r0:2p
p1 read r0+2p
p1 read r2
p1 write r0+1p:1p
p0 read r0+1p:1p
p0 write r0+1p:1p
p1 read r0+1p:1p
p1 write r0:1p
p0 read r0:1p
p0 vmsplice g0 r0:1p
p0 write r0:1p
g0 read
p0 madvise r1 dontfork
p0 fork p2
p2 read r1
p2 read r0
p2 read r2
p1 read r1
