# What a driver inserted goes away with the mapping and moves with it.
# What: the zeropage is inserted into a private rw driver mapping; page 1 is
# written (a private copy).  MADV_DONTNEED on pages 0-1 zaps both (SIGBUS
# afterwards: no fault handler brings anything back); the driver inserts
# page 0 again.  mremap moves pages 0-2 to r1: the moved entries (zeropage
# and an unshared pinned copy) keep their content at the new address, the
# pin follows; munmap of the rest leaves nothing behind.  mmap over a driver
# mapping replaces it by anonymous memory reading zeros.
# Why: §2.6 (zap: the zeropage holds no reference or mapcount), §2.8
# (mremap moves entries, pins follow), §2.23.
p0 mmap r0 4p driver private rw
p0 insert-zeropage r0
p0 write r0+1p:1p
p0 madvise r0:2p dontneed
p0 read r0:1p
p0 read r0+1p:1p
p0 insert-zeropage r0:1p
p0 read r0:1p
p0 gup g0 r0+2p:1p pin longterm
p0 mremap r0:3p r1
p0 read r1:1p
p0 read r1+1p:1p
p0 read r1+2p:1p
p0 write r1+2p:1p
g0 read
p0 read r0
p0 munmap r0
p0 read r0
p0 mmap r1 2p anon private rw
p0 read r1
g0 read
