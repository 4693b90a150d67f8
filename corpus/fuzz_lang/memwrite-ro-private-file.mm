# memwrite on a read-only private file mapping (the Dirty COW shape).
# What: /proc/self/mem writes to a R/O MAP_PRIVATE mapping of a memfd create a
# private copy; the file and a shared mapping never change; after
# MADV_DONTNEED the address shows the file again; a second memwrite after the
# discard again writes only a private copy.
# Why: CVE-2016-5195 / 19be0eaffa3a / 5535be309971 (§2.20): FOLL_FORCE writes
# only ever modify PAE anon pages (F4), never the page cache.
file f0 memfd 1p
f0 write
p0 mmap r0 1p f0 private r
p0 mmap r1 1p f0 shared r
p0 read r0
p0 memwrite r0
p0 read r0
p0 read r1
p0 madvise r0 dontneed
p0 read r0
p0 memwrite r0
p0 read r1
f0 write
p0 read r0
p0 read r1
