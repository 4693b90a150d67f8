# file KIND tmpfile: a zero-filled regular file on a disk file system.
# What: as for memfd: zero-filled, pwrite and shared stores visible through
# every mapping, private stores private; the shared writable mapping goes
# through write-notify (R/O PTE until the first store).
# Why: §2.15, §1.4 (vm_page_prot with write-notify), §2.2 case 1.
file f0 tmpfile 3p
p0 mmap r0 3p f0 shared rw
p0 mmap r1 3p f0 private rw
p0 read r0
p0 read r1
f0 write +1p:1p
p0 write r0+2p:1p
p0 write r1:1p
p0 read r0
p0 read r1
p0 fork p1
p1 write r0:1p
p0 read r1
