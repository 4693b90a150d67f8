# CVE-2020-29374 (cow.c T3) in era 5.8: the case 17839856fd58 was written
# for. The child's vmsplice is done as a write GUP, so the child breaks COW
# first and its pipe holds the child's own copy; after the child unmaps,
# the parent reuses its page and the pipe keeps the old data. 5.7 leaks
# (5.7-cve-2020-29374-vmsplice-child.mm).
era 5.8
expect ok
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 write r0
g0 read
