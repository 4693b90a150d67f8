# madvise(MADV_DONTNEED) on file mappings.
# What: on a private file mapping, discarding a privately written page makes the
# address show the file again (including later pwrite()s); on a shared mapping
# the discard loses nothing (the content is in the page cache).
# Why: zap of the anon copy; the refault maps the page-cache page (§2.6, §2.1).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw
p0 mmap r1 2p f0 shared rw
p0 write r0
p0 write r1+1p:1p
p0 read r0
p0 madvise r0 dontneed
p0 read r0
f0 write :1p
p0 read r0
p0 madvise r1 dontneed
p0 read r1
