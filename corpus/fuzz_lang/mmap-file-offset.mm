# mmap: file mapping at a page offset (fM+OFF).
# What: r0 maps pages 2..3 of a 4-page memfd, r1 maps the whole file shared;
# writes through either are visible at the right place in the other, and a
# pwrite() at offset 2p shows up at r0 page 0.
# Why: the VMA's pgoff selects the page-cache index (§1.4).
file f0 memfd 4p
p0 mmap r0 2p f0+2p shared rw
p0 mmap r1 4p f0 shared rw
p0 write r1
p0 read r0
f0 write +2p:1p
p0 read r0
p0 write r0+1p:1p
p0 read r1
p0 mmap r2 1p f0+3p private rw
p0 read r2
