# MADV_DONTNEED of an unshared private file page (a "private copy without a
# write") and a second long-term pin.
# What: a R/O long-term pin unshares page 0 of a private memfd mapping (the
# mapping keeps the content of that moment while the file changes). MADV_DONTNEED
# discards that anon copy: the address shows the file's current content again
# and follows later pwrite()s; the old pin is orphaned. A new R/O long-term pin
# makes a new snapshot that the pin and the mapping share from then on.
# Why: §2.3 (unshare of page-cache pages, 6.2+), §2.6 (zap; refault maps the
# page cache), program.md §4.
file f0 memfd 1p
f0 write
p0 mmap r0 1p f0 private rw
p0 read r0
p0 gup g0 r0 pin longterm
f0 write
p0 read r0
g0 read
p0 madvise r0 dontneed
p0 read r0
f0 write
p0 read r0
p0 gup g1 r0 pin longterm fast
f0 write
p0 read r0
g1 read
p0 write r0
g1 read
