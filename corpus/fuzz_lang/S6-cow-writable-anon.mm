# S6 COW mappings: a writable entry in a COW mapping maps an anon page.
# What: a private memfd mapping whose page-cache pages are read-mapped goes
# through every path that could make a PTE writable: store, mprotect(RW)
# upgrade attempt on page-cache PTEs, MADV_POPULATE_WRITE, write pins (slow and
# fast), fork with the page-cache page mapped in both, and a child's store; the
# shared mapping and the file must never see any of the private writes.
# Why: §3.1 S6; §2.2 (private file write fault copies), §2.5 (no upgrade of
# page-cache pages, F3), §2.4 (page-cache pages wrprotected in COW VMAs).
file f0 memfd 4p
f0 write
p0 mmap r0 4p f0 private r
p0 mmap r1 4p f0 shared r
p0 read r0
p0 mprotect r0 rw
p0 fork p1
p0 write r0:1p
p0 madvise r0+1p:1p populate-write
p0 gup g0 r0+2p:1p pin write fast
p1 mprotect r0 rw
p1 write r0+3p:1p
p0 read r1
p0 read r0
p1 read r0
g0 write
p0 read r0
p0 read r1
f0 write
p0 read r0
p1 read r0
