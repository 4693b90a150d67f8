# read: loads fault pages in and must see the program meaning.
# What: reads of untouched anonymous memory (zeropage), of a file-backed private
# mapping (page cache), of a shared mapping, of the child's inherited memory,
# and repeated reads after writes by other processes to shared memory.
# Why: read faults (§2.1) never change content; the view oracle (I1) checks
# every load.
file f0 tmpfile 2p
f0 write
p0 mmap r0 2p anon private rw
p0 mmap r1 2p f0 private rw
p0 mmap r2 2p f0 shared rw
p0 read r0
p0 read r1
p0 read r2
p0 fork p1
p1 read r0
p1 read r1
p1 write r2:1p
p0 read r1
p0 read r2
p0 read r0
