# GUP of the zeropage a driver inserted into a private (COW) mapping.
# What: the driver inserts the zeropage into 6 pages of a read-only private
# mapping.  On it: a plain reference and a vmsplice (GUP-fast falls back on
# the special entry; the slow path returns the zeropage), a short-term R/O
# pin (a no-op on the zeropage), a R/O long-term pin (unshares: a private
# copy, still read-only), a forced write pin (a private copy too) with a
# device write, and a memread.  After mprotect(rw) the process writes every
# page: the long-term and the write pin stay coherent (the process reuses
# their exclusive pages), the reference and short-term pin keep showing the
# zeropage, which never changes.
# Why: §2.23 (GUP: slow path returns the zeropage, FOLL_PIN no-op; COW
# mapping unshares; GUP-fast falls back), §2.17, §2.18, §2.19, P1, P3, S5.
p0 mmap r0 6p driver private r
p0 insert-zeropage r0
p0 gup g0 r0:1p get
p0 vmsplice g1 r0+1p:1p
p0 gup g2 r0+2p:1p pin
p0 gup g3 r0+3p:1p pin longterm fast
p0 gup g4 r0+4p:1p pin write force
p0 memread r0
g4 write
p0 read r0
g0 read
g1 read
g2 read
g3 read
g4 read
p0 mprotect r0 rw
p0 write r0
g0 read
g1 read
g2 read
g3 read
g4 read
g4 write
p0 read r0+4p:1p
