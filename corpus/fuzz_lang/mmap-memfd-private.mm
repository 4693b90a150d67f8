# mmap: private mapping of a memfd.
# What: an unwritten page of a private file mapping shows the file's current
# content (including later pwrite()s); a page the process wrote shows its own
# private data and no longer follows the file; a shared mapping of the file is
# never affected by the private writes.
# Why: read faults map the page-cache page R/O; a write copies it to a private
# anon page (§2.2, §2.15, S6); program.md §4 (view oracle) for private file
# pages.
file f0 memfd 4p
f0 write
p0 mmap r0 4p f0 private rw
p0 read r0
f0 write +1p:1p
p0 read r0
p0 write r0+2p:1p
f0 write +2p:2p
p0 read r0
p0 mmap r1 4p f0 shared r
p0 read r1
