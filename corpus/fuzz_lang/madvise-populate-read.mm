# madvise(MADV_POPULATE_READ).
# What: on a private file mapping it maps the page-cache pages without COW, so
# later pwrite()s stay visible; on a private anonymous mapping it maps the
# zeropage, which a R/O long-term pin must then unshare so the pin sees the
# process's later writes.
# Why: populate-read uses read faults (§2.1); R/O long-term pins of the zeropage
# in COW mappings unshare (§2.3, 6.2+, P3).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw
p0 madvise r0 populate-read
p0 read r0
f0 write
p0 read r0
p0 mmap r1 2p anon private rw
p0 madvise r1 populate-read
p0 read r1
p0 gup g0 r1 pin longterm
p0 write r1
g0 read
