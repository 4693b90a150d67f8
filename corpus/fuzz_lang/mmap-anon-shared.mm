# mmap: shared anonymous (MAP_SHARED|MAP_ANONYMOUS = shmem).
# What: parent and child write different pages of a shared anonymous region;
# each sees the other's writes, before and after more forks.
# Why: a shared VMA never COWs (§2.2 case 1); PTEs map shmem page-cache pages
# (S7); fork does not write-protect or copy shared pages.
p0 mmap r0 4p anon shared rw
p0 write r0:2p
p0 fork p1
p1 read r0
p1 write r0+1p:2p
p0 read r0
p0 write r0+3p:1p
p1 read r0
p1 fork p2
p2 write r0
p0 read r0
p1 read r0
