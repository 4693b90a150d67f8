# F4 FOLL_FORCE writes only ever modify PAE anon pages (6.0+).
# What: /proc/self/mem writes and forced write pins on R/O mappings whose pages
# are: page cache (memfd, tmpfile, shmem private mappings), the zeropage, an
# anon page COW-shared with a live child, an anon page shared with an exited
# child (reuse), a PAE anon page (in place); device writes through the forced
# pins. The files, the zeropage and the child must never change; a shared R/O
# mapping refuses the forced write (EFAULT).
# Why: §3.4 F4, §2.20 (CVE-2016-5195 fix 19be0eaffa3a, CVE-2022-2590 fix
# 5535be309971), §2.16.
file f0 memfd 1p
file f1 tmpfile 1p
file f2 shmem 1p
f0 write
f1 write
f2 write
p0 mmap r0 1p f0 private r
p0 mmap r1 1p f1 private r
p0 mmap r2 1p f2 private r
p0 mmap r3 1p anon private r
p0 mmap r4 3p anon private rw
p0 mmap r5 1p f0 shared r
p0 mmap r6 1p f1 shared r
p0 read r0
p0 read r1
p0 read r2
p0 read r3
p0 write r4
p0 mprotect r4 r
p0 fork p1
p1 munmap r4+1p:1p
p0 memwrite r0
p0 gup g0 r1 pin write force
p0 memwrite r2
p0 gup g1 r3 pin write longterm force
p0 memwrite r4:1p
p0 memwrite r4+1p:1p
p0 gup g2 r4+2p:1p pin write force fast
p0 memwrite r4+2p:1p
p0 memwrite r5
p0 memwrite r6
g0 write
g1 write
g2 write
p0 read r0
p0 read r1
p0 read r2
p0 read r3
p0 read r4
p0 read r5
p0 read r6
p1 read r0
p1 read r1
p1 read r2
p1 read r3
p1 read r4:1p
p1 read r4+2p:1p
