# A reference on one page of a PTE-mapped THP is not exposed because
# another process may write a different page of it in place (found by
# fuzz_mm).
# What: p0's THP is split into PTEs when mremap moves its page 61 to r1;
# page 0 goes into a VM_DONTFORK VMA, so fork leaves that PTE writable in
# p0 while every other page becomes COW-shared with p1.  p1's vmsplice of
# the moved page takes a reference on page 61: p0 may write page 0 in
# place, never page 61 (read-only, the folio shared), and the pipe keeps
# seeing zero.
# Why: P5 (§3.3) is about the referenced page; a THP's pages are written
# one by one.
expect ok
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:1p
p0 mremap r0+61p:1p r1
p0 madvise r0:1p dontfork
p0 fork p1
p1 vmsplice g1 r1
p0 write r0:1p
g1 read
p0 write r1
g1 read
