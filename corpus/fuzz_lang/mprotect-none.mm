# mprotect to PROT_NONE and back.
# What: written pages made PROT_NONE cannot be loaded or stored (SIGSEGV, not
# violations) but keep their content (memread via FOLL_FORCE sees it); a child
# forked while PROT_NONE inherits the content; after mprotect(RW) both see their
# own data and COW still separates them.
# Why: mprotect only changes protections, never content (§2.5); FOLL_FORCE reads
# need VM_MAYREAD only (§2.16); fork COW-shares regardless of protection (§2.4).
p0 mmap r0 2p anon private rw
p0 write r0
p0 mprotect r0 none
p0 read r0
p0 write r0
p0 memread r0
p0 fork p1
p0 mprotect r0 rw
p0 read r0
p0 write r0:1p
p1 mprotect r0 r
p1 read r0
p1 mprotect r0+1p:1p rw
p1 write r0+1p:1p
p0 read r0
p1 read r0
