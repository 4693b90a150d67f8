# F1 a write fault never leaves the faulting entry read-only unless the VMA
# lacks VM_WRITE (FOLL_FORCE), and then the page is PAE.
# What: write faults of every kind: not-present anon (fresh), zeropage (copy),
# COW-shared (copy), last mapper (reuse), PAE R/O after mprotect/clear-refs
# (reuse), private file page (copy), shared tmpfile R/O PTE (write-notify,
# page_mkwrite), shared memfd; plus FOLL_FORCE writes into R/O mappings
# (memwrite) where the PTE must stay R/O (a plain store still fails) and the
# page is PAE (a later mprotect(RW) may then upgrade it).
# Why: §3.4 F1; §2.2; §2.17 (FOLL_FORCE path).
file f0 tmpfile 2p
file f1 memfd 1p
p0 mmap r0 4p anon private rw
p0 mmap r1 2p f0 shared rw
p0 mmap r2 1p f1 private rw
p0 mmap r3 1p f1 shared rw
p0 mmap r4 2p anon private r
p0 read r0+1p:1p
p0 read r1
p0 read r2
p0 write r0:2p
p0 fork p1
p0 write r0+2p:1p
p1 write r0:1p
p1 exit
p0 write r0:2p
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
p0 write r1
p0 write r2
p0 write r3
p0 memwrite r4
p0 write r4
p0 read r4
p0 mprotect r4 rw
p0 write r4
p0 read r4
p0 read r2
p0 read r3
