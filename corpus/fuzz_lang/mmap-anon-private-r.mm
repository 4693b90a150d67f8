# mmap: private anonymous, read-only.
# What: reads see zeros; a plain write fails with SIGSEGV (not a violation, the
# statement stops there); after mprotect(RW) the write works and only this
# process sees it.
# Why: VM_WRITE absent -> a write access is a SIGSEGV (§1.4); the read fault
# maps the zeropage R/O (§2.1); mprotect(RW) must not upgrade the zeropage PTE
# (F3, §2.5) so the next write copies from the zeropage (§2.2).
p0 mmap r0 2p anon private r
p0 read r0
p0 write r0
p0 read r0
p0 mprotect r0 rw
p0 write r0+1p:1p
p0 read r0
p0 fork p1
p0 write r0
p1 read r0
