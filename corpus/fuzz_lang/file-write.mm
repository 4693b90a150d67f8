# fN write: pwrite with offset, length and exact values.
# What: pwrite of the whole file, of one page at an offset, of a range, with
# =V (identical pages) and =0; every mapping (shared, private unwritten, in a
# child) sees exactly those bytes, and a private copy made before is unaffected.
# Why: §2.15 (the page cache is shared by the read/write paths and mappings).
file f0 memfd 4p
file f1 tmpfile 4p
p0 mmap r0 4p f0 shared r
p0 mmap r1 4p f1 private rw
p0 write r1+3p:1p
f0 write
f1 write
p0 read r0
p0 read r1
f0 write +1p:2p =5
f1 write +2p =6
p0 read r0
p0 read r1
p0 fork p1
f0 write :1p =0
f1 write +3p:1p
p1 read r0
p1 read r1
p0 read r1
