# X1 a writable present entry mapping an anon page => the page is PAE.
# What: every way an anon PTE becomes writable: fresh write fault, copy from
# zeropage, COW copy, reuse by the last mapper (refcount 1), reuse of a PAE page
# after mprotect and clear-refs, mprotect upgrade of PAE pages, write pins
# (write fault), mremap of writable entries, MAP_POPULATE / populate-write.
# Why: §3.2 X1; §2.2 reuse and copy set PAE; §2.5 upgrade requires PAE; §2.8
# preserves PAE.
p0 mmap r0 4p anon private rw
p0 mmap r1 2p anon private rw populate
p0 mmap r2 2p anon private rw
p0 read r0
p0 write r0:2p
p0 madvise r2 populate-write
p0 fork p1
p0 write r0:1p
p1 write r0+1p:1p
p0 write r0+1p:1p
p1 exit
p0 write r0+2p:1p
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
p0 clear-refs
p0 write r0+3p:1p
p0 gup g0 r1 pin write
p0 mremap r1 r3
p0 write r3
g0 read
p0 write r2
p0 read r0
