# mprotect write upgrade (MM_CP_TRY_CHANGE_WRITABLE) of exclusive anon pages.
# What: written (PAE) pages go R/O with mprotect(R) (stores fail with SIGSEGV),
# then mprotect(RW) maps them writable again directly; stores work and fork
# afterwards still COW-separates parent and child. Part of the range is upgraded
# with a partial mprotect (VMA split).
# Why: can_change_pte_writable allows the upgrade for PAE anon pages when no
# soft-dirty/uffd-wp tracking is pending (64fe24a3e05e, d84887739d5c; §2.5); X1
# must hold (writable anon => PAE) and fork must still clear PAE and wrprotect.
p0 mmap r0 4p anon private rw
p0 write r0
p0 mprotect r0 r
p0 write r0
p0 read r0
p0 mprotect r0+1p:2p rw
p0 write r0+1p:2p
p0 mprotect r0 rw
p0 write r0+3p:1p
p0 read r0
p0 fork p1
p0 write r0
p1 read r0
p1 write r0:2p
p0 read r0
