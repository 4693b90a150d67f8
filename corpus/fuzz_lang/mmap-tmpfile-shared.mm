# mmap: shared mapping of a tmpfile (dirty-tracked file system).
# What: shared mapping stores reach the file and other mappings; the read
# fault maps the page R/O (write-notify), the first store takes a write fault
# (page_mkwrite) and must then succeed; mprotect(R)/(RW) must not lose data.
# Why: shared writable mappings of file systems with writeback need
# write-notify (§1.4 vm_page_prot, §2.15); do_wp_page on a shared VMA makes the
# PTE writable, never copies (§2.2 case 1); shared mprotect upgrade only for
# dirty PTEs (§2.5).
file f0 tmpfile 2p
p0 mmap r0 2p f0 shared rw
p0 read r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0:1p
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
p0 mmap r1 2p f0 private r
p0 read r1
f0 write +1p:1p
p0 read r0
p0 read r1
