# cow.c "fork() with an iouring fixed buffer" with hugetlb (2m) (semantics.md §4.1 T08, §4.2 HTLB).
# What: register as a fixed buffer, fork (child alive), the parent writes;
# the buffer must see the write, the child the old data.
# Why: since 5.12 (4eae4efa2c29) fork copies a possibly pinned hugetlb folio
# for the child (§2.4), from a free huge page; before, fork shared it and
# the parent's write copied away from the pin (P6): 5.7 and 5.9 fail.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 iouring g0 r0
p0 fork p1
p0 write r0
g0 read
p1 read r0
p0 read r0
