# cow.c "fork() with an iouring fixed buffer" with hugetlb (1g) (semantics.md §4.1 T08, §4.2 HTLB).
# What: register as a fixed buffer, fork (child alive), the parent writes;
# the buffer must see the write, the child the old data.
# Why: since 5.12 (4eae4efa2c29) fork copies a possibly pinned hugetlb folio
# for the child (§2.4), from a free huge page; before, fork shared it and
# the parent's write copied away from the pin (P6): 5.7 and 5.9 fail.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 iouring g0 r0:16p
p0 fork p1
p0 write r0:16p
g0 read
p1 read r0:16p
p0 read r0:16p
