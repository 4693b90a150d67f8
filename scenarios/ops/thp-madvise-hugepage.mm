# config thp=madvise (the default): only MADV_HUGEPAGE ranges get THPs;
# MADV_NOHUGEPAGE takes it back for future faults.  Both split the VMA.
p0 mmap r0 4m anon private rw
p0 madvise r0:2m hugepage
p0 write r0:1p
p0 madvise r0+2m:2m nohugepage
p0 write r0+2m:1p
p0 madvise r0 nohugepage
p0 write r0+1p:1p
p0 read r0
