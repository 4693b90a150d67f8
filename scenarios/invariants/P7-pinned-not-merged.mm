# P7: a pinned page is never KSM-merged.
# What: pages with identical content, some held by io_uring, write pins and
# R/O pins (exclusive, or shared after fork and unshared by the pin), go
# through KSM scans; the pinned pages stay mapped where they were pinned,
# so device writes reach the process and process writes reach the device.
# Why: §3.3 P7 and P1/P2, §2.11 (write_protect_page: refcount == mapcount
# + swapcache, and PAE cannot be dropped from a possibly pinned page).
p0 mmap r0 4p anon private rw
p0 madvise r0 mergeable
p0 write r0 =8
p0 fork p1
p0 iouring g0 r0:1p
p0 gup g1 r0+1p:1p pin
p1 gup g2 r0+1p:1p pin write fast
ksm
ksm
g0 write
g2 write
p0 read r0
p1 read r0
p0 write r0:2p
p1 write r0+1p:1p
g0 read
g1 read
g2 read
ksm
p0 read r0
p1 read r0
