# X2 a PAE page is mapped by at most one present entry (one mm, one address).
# What: PAE pages are created (write, unshare, pin), then fork must either clear
# PAE and share (unpinned pages) or give the child a copy (pinned pages); mremap
# moves the single entry; a zapped (MADV_DONTNEED, munmap) PAE page that is
# still pinned has no mapping at all; a second fork of a parent with a mix of
# pinned and unpinned pages.
# Why: §3.2 X2; §2.4 fork rules; §2.8; §2.6.
p0 mmap r0 4p anon private rw
p0 write r0
p0 gup g0 r0:1p pin longterm
p0 gup g1 r0+1p:1p pin write
p0 fork p1
p0 write r0
g0 read
g1 read
p1 read r0
p0 mremap r0 r1
p0 fork p2
p2 read r1
p0 write r1
g0 read
p0 madvise r1:1p dontneed
g0 read
p0 read r1
p0 fork p3
p3 write r1
p0 read r1
p2 read r1
