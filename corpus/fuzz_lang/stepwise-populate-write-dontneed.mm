# MADV_POPULATE_WRITE stops after it found the page (already its own,
# from MAP_POPULATE); the process then discards it with MADV_DONTNEED
# (both need the mmap lock only for reading). The populate returns
# without faulting the page in again: the process follows the file
# there, as after any MADV_DONTNEED of a private file page.
expect ok
file f0 memfd 2p
p0 mmap r0 2p f0 private rw populate
p0 madvise r0+1p populate-write @t0
p0 madvise r0 dontneed
t0 finish
f0 write +1p:1p
p0 read r0
