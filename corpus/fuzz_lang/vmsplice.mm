# vmsplice: FOLL_GET references held by a pipe, read at pipe-read time.
# What: vmsplice of untouched anon memory (zeropage references), of a private
# file page (page cache), of shared memory; the pipe sees later changes of the
# referenced page itself (shared writes, pwrite) but never a private write of
# any process, because private writers copy away from referenced pages.
# Why: §2.21 (get_user_pages_fast, FOLL_GET, no unshare); P5 (refcount rule,
# §2.2); zeropage FOLL_GET references (§1.1, S2).
file f0 memfd 2p
p0 mmap r0 2p anon private rw
p0 mmap r1 2p f0 private rw
p0 mmap r2 2p anon shared rw
p0 vmsplice g0 r0
p0 write r0
g0 read
p0 vmsplice g1 r1
f0 write
g1 read
p0 write r1
g1 read
p0 write r2
p0 vmsplice g2 r2
p0 fork p1
p1 write r2:1p
g2 read
p0 write r0
p0 vmsplice g3 r0
p0 fork p2
p2 write r0
g3 read
p0 write r0
g3 read
p2 vmsplice g4 r0
p2 exit
g3 read
