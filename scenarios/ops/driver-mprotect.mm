# mprotect never makes the zeropage a driver inserted writable.
# What: in a private driver mapping inserted read-only (r0), mprotect(rw)
# must leave the special zeropage entries read-only: a write still faults
# and copies (the other page keeps reading zero).  mprotect(none) makes the
# pages inaccessible (SIGSEGV, not SIGBUS: the entries stay), mprotect(r)
# gives them back.  clear-refs write-protects them again and a later
# mprotect(rw) with soft-dirty tracking armed still does not upgrade them.
# A shared ro-file mapping (r1) cannot become writable (EACCES).
# Why: §2.5 (can_change_pte_writable: private mappings upgrade only exclusive
# anon pages; a zeropage entry is never dirty), §2.23, §2.24, F3, S5.
p0 mmap r0 3p driver private r
p0 mmap r1 1p driver shared r ro-file
p0 insert-zeropage r0
p0 insert-zeropage r1
p0 mprotect r0 rw
p0 write r0:1p
p0 read r0
p0 mprotect r0 none
p0 read r0
p0 mprotect r0 r
p0 read r0
p0 clear-refs
p0 mprotect r0 rw
p0 write r0+1p:1p
p0 read r0
p0 mprotect r1 rw
p0 write r1
p0 read r1
