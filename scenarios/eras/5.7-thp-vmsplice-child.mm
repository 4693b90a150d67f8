# CVE-2020-29374 on a PMD-mapped THP, era 5.7 (semantics §4.2 T3 PMD, A):
# the child's pipe keeps a reference, the child unmaps; the parent's THP
# is mapped once, so the mapcount rule reuses it and the pipe sees the
# parent's write.
era 5.7
expect violation isolation
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 fork p1
p1 vmsplice g0 r0:16p
p1 munmap r0
p0 write r0:16p
g0 read
