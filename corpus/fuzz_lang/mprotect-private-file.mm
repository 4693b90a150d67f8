# mprotect on a private file mapping.
# What: a read-only private memfd mapping shows the file; mprotect(RW) must not
# make the page-cache PTEs writable: a store then copies, and neither the file
# nor a shared mapping change. A later pwrite() is seen only on the pages the
# process did not write.
# Why: the mprotect upgrade only applies to PAE anon pages in private mappings
# (§2.5, F3), so page-cache pages in a COW mapping stay R/O (S6).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private r
p0 mmap r1 2p f0 shared r
p0 read r0
p0 mprotect r0 rw
p0 write r0:1p
p0 read r1
f0 write
p0 read r0
p0 read r1
