# X3 PAE only on anon non-KSM pages; never on zero folios or page cache.
# What: page-cache pages and the zeropage are mapped in private and shared
# mappings and pinned in every way that could wrongly mark them: R/O short-term
# pins (land on the page cache / zeropage itself), R/O long-term pins (unshare
# to a new anon page, which is PAE), write pins on shared mappings (page cache,
# never PAE), get references; fork copies or shares each as the rules say.
# Why: §3.2 X3; §2.17 placement table; §2.3 unshare creates a new anon page;
# §2.4 (5.19+: only anon pages are copied for the child at fork).
file f0 memfd 3p
p0 mmap r0 3p f0 private rw
p0 mmap r1 3p f0 shared rw
p0 mmap r2 2p anon private rw
p0 read r0
p0 read r1
p0 read r2
p0 gup g0 r0:1p pin
p0 gup g1 r0+1p:1p pin longterm
p0 gup g2 r1 pin write longterm
p0 gup g3 r2:1p pin
p0 gup g4 r2+1p:1p pin longterm fast
p0 gup g5 r0+2p:1p get
p0 fork p1
f0 write
p0 read r0
p1 read r0
g0 read
g1 read
g2 read
p1 write r1:1p
g2 read
p0 write r0
p0 write r2
g1 read
g4 read
p1 read r2
