# file KIND memfd: a zero-filled memfd of the given size.
# What: a fresh memfd reads as zeros through shared and private mappings; pwrite
# and shared stores are visible everywhere; private stores are not.
# Why: §2.15 (page cache shared by all mappings and by read/write).
file f0 memfd 3p
p0 mmap r0 3p f0 shared rw
p0 mmap r1 3p f0 private rw
p0 read r0
p0 read r1
f0 write +1p:1p
p0 write r0+2p:1p
p0 write r1:1p
p0 read r0
p0 read r1
