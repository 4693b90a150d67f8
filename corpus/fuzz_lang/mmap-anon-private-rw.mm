# mmap: private anonymous, read-write.
# What: untouched pages read as zeros (read fault maps the shared zeropage,
# §2.1); written pages hold the process's own data; unwritten neighbours stay
# zero; a child created by fork inherits the content and is isolated from the
# parent's later writes (and vice versa).
# Why: do_anonymous_page maps the zeropage on read and a fresh PAE page on write
# (§2.1, §2.2); a write to the zeropage-mapped page copies (zero-filled); fork
# COW-shares written pages and copies the zeropage PTE as is (§2.4).
p0 mmap r0 4p anon private rw
p0 read r0
p0 write r0+1p:2p
p0 read r0
p0 fork p1
p1 read r0
p0 write r0:2p
p1 write r0+2p:2p
p0 read r0
p1 read r0
