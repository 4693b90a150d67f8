# cow.c T5 in era 5.7: the parent's pipe holds a reference taken before fork;
# the parent unmaps; the child, now the only mapper, writes in place (mapcount
# rule) and the parent's pipe sees the child's private write (CVE-2020-29374
# family). 5.8's forced COW break did not help here (the GUP came first);
# fixed by refcount-based reuse in 5.9.
era 5.7
expect violation isolation/P5
p0 mmap r0 1p anon private rw
p0 write r0
p0 vmsplice g0 r0
p0 fork p1
p0 munmap r0
p1 write r0
g0 read
