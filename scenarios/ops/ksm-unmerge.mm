# MADV_UNMERGEABLE (semantics §2.11, 6cce3314b928): every KSM page the
# range maps is broken by an unshare fault (6.2+): a private read-only
# exclusive copy with the same content; the flag goes, so the next scan
# leaves the range alone. Unmerging part of a VMA splits it; another
# process's mapping of the KSM page stays. Advice on a range with a hole
# (-ENOMEM) still applies to the mapped parts. A VMA without PROT_WRITE
# is unmerged the same way.
p0 mmap r0 4p anon private rw
p0 mmap r2 1p anon private rw
p0 madvise r0 mergeable
p0 madvise r2 mergeable
p0 write r0 =3
p0 write r2 =3
p0 fork p1
ksm
p0 madvise r0+1p:2p unmergeable
p0 read r0
ksm
p0 read r0
p1 read r0
p0 write r0
p1 read r0
p1 munmap r0+3p:1p
p1 madvise r0 unmergeable
p1 read r0
p1 write r0
p0 read r2
p0 mprotect r2 r
p0 madvise r2 unmergeable
p0 read r2
