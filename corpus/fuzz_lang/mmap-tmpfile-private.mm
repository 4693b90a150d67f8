# mmap: private mapping of a tmpfile (regular file on a disk file system).
# What: as for memfd: unwritten pages follow the file, written pages are
# private copies, the file and a shared mapping are untouched by private
# writes; a child inherits the private copy and the file-following pages.
# Why: COW of page-cache pages (§2.2, §2.15, S6); fork shares page-cache pages
# and anon copies alike (§2.4).
file f0 tmpfile 3p
f0 write
p0 mmap r0 3p f0 private rw
p0 read r0
p0 write r0:1p
p0 fork p1
f0 write +1p:2p
p1 read r0
p0 read r0
p1 write r0+2p:1p
p0 read r0
p1 read r0
p0 mmap r1 3p f0 shared r
p0 read r1
