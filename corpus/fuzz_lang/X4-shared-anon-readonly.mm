# X4 a possibly shared anon page (not PAE) is never mapped writable; two entries
# mapping the same anon page are both read-only.
# What: after fork both sides go through mprotect(RW), clear-refs, a R/O
# (short-term) reference and MADV_POPULATE_READ; the child exits (the parent's
# page is then mapped once but is still not PAE until a write or unshare
# fault); a vmsplice reference keeps the page referenced. All writes must copy
# or reuse through a fault, never write a shared page in place.
# Why: §3.2 X4; §2.4 (fork wrprotects both sides), §2.5 (upgrade needs PAE),
# §2.2.
p0 mmap r0 3p anon private rw
p0 write r0
p0 fork p1
p0 mprotect r0 r
p0 mprotect r0 rw
p1 mprotect r0 r
p1 mprotect r0 rw
p0 clear-refs
p1 madvise r0 populate-read
p1 vmsplice g0 r0+1p:1p
p0 gup g1 r0+2p:1p get
p1 write r0:1p
p0 read r0
p1 exit
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
p0 read r0
g1 read
