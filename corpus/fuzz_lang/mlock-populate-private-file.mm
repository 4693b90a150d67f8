# mlock() faults every page in, and on a private writable file mapping
# that is a write fault (populate_vma_page_range: FOLL_WRITE where the
# VMA is private and writable): the process has its own copies from then
# on and no longer sees the file's later writes.
expect ok
file f0 memfd 2p
f0 write =7
p0 mmap r0 2p f0 private rw
p0 mlock r0
f0 write =9
p0 read r0
