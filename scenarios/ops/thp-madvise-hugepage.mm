# config thp=madvise (the default): only MADV_HUGEPAGE ranges get THPs;
# MADV_NOHUGEPAGE takes it back for future faults.  Advice on part of a
# range splits the VMA, so the 2 MiB no longer fits one VMA.
p0 mmap r0 2m anon private rw
p0 mmap r1 2m anon private rw
p0 madvise r0 hugepage
p0 write r0:1p
p0 madvise r1 nohugepage
p0 write r1:1p
p0 madvise r1+1p hugepage
p0 write r1+4p:1p
p0 madvise r0 nohugepage
p0 write r0+1p:1p
p0 read r0:16p
p0 read r1:16p
