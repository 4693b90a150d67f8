# P3 R/O long-term pins in COW mappings land on exclusive anon pages (never on
# page cache or the zeropage) and stay coherent.
# What: R/O long-term pins (slow, fast) on private mappings of a memfd, a
# tmpfile, a shmem file and on zeropage-mapped anon memory. After the pin the
# file changes (pwrite, and a store through a shared mapping): the private
# mapping keeps the content of the pin time (the kernel gave it a private copy)
# and the pin shows exactly that; then the process writes and the pin follows;
# a fork copies the pinned page for the child.
# Why: §3.3 P3 (6.2+: 84209e87c696, 8d6a0ac09a16), §2.3, §2.17; program.md §4
# (a private copy made by an unshare is stable from then on).
file f0 memfd 1p
file f1 tmpfile 1p
file f2 shmem 1p
f0 write
f1 write
f2 write
p0 mmap r0 1p f0 private rw
p0 mmap r1 1p f1 private rw
p0 mmap r2 1p f2 private rw
p0 mmap r3 1p anon private rw
p0 mmap r4 1p f0 shared rw
p0 mmap r5 1p f1 shared rw
p0 read r0
p0 read r1
p0 read r2
p0 read r3
p0 gup g0 r0 pin longterm
p0 gup g1 r1 pin longterm fast
p0 gup g2 r2 pin longterm
p0 gup g3 r3 pin longterm fast
f0 write
p0 write r5
f2 write
p0 read r0
p0 read r1
p0 read r2
g0 read
g1 read
g2 read
g3 read
p0 fork p1
p0 write r0
p0 write r1
p0 write r2
p0 write r3
g0 read
g1 read
g2 read
g3 read
p1 read r0
p1 read r1
p1 read r4
