# mmap: a shmem (tmpfs) file, mapped shared and private.
# What: the shared mapping and pwrite() modify the file; a private mapping
# follows the file until it writes, then keeps its copy; a forked child sees
# the same.
# Why: shmem page cache (§2.15); COW of page-cache pages in private mappings
# (§2.2); shared mappings never COW (S7).
file f0 shmem 2p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 2p f0 private rw
p0 write r0
p0 read r1
p0 write r1:1p
p0 fork p1
p1 write r0
p0 read r1
p1 read r1
f0 write =3
p0 read r0
p1 read r1
