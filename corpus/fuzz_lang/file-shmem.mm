# file KIND shmem: a zero-filled tmpfs file.
# What: as for memfd, plus a child process mapping the file after fork.
# Why: §2.15.
file f0 shmem 2p
p0 mmap r0 2p f0 shared rw
p0 read r0
p0 fork p1
p1 mmap r1 2p f0 private r
p1 read r1
p0 write r0:1p
f0 write +1p:1p
p1 read r1
p0 read r0
