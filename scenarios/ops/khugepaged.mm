# khugepaged collapses ranges of small pages where THP is allowed: here a
# MADV_HUGEPAGE range written before (config thp=madvise: faults before
# the advice got small pages).  Swapped pages are brought back first.
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 madvise r0:2p pageout
p0 madvise r0 hugepage
khugepaged
p0 read r0:48p
p0 write r0+40p:1p
p0 read r0+40p:1p
