# MADV_UNMERGEABLE before 6.2 (semantics §2.11): KSM pages are broken by
# write faults, so the private copy is mapped writable and dirty where the
# VMA allows it (read-only, exclusive, in a VMA without PROT_WRITE). What
# the processes see is the same as with unshare faults (6.2+).
era 5.19
p0 mmap r0 3p anon private rw
p0 madvise r0 mergeable
p0 write r0 =3
p0 fork p1
ksm
p0 madvise r0:1p unmergeable
p0 mprotect r0+1p:1p r
p0 madvise r0+1p:1p unmergeable
p0 read r0
p1 read r0
p0 write r0:1p
p1 madvise r0 unmergeable
p1 write r0
p0 read r0
