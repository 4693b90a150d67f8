# After fork, the child's mprotect makes its two VMAs of one 2m mapping
# (split by the parent's mlock of the first page: the child does not
# inherit VM_LOCKED, but the split stays) the same again. The kernel
# cannot merge them: at fork the child gave each its own anon_vma, and
# VMAs with different anon_vmas do not merge, so the first stays one page,
# too small for a PMD, and MADV_COLLAPSE of it is EINVAL. The emulator's
# anon_vma is a flag, not an identity: it merges them and collapses (ok).
# `mmfuzz diff` shows this one divergence (madvise result).
expect ok
config thp=madvise
p0 mmap r0 2m anon private rw
p0 write r0:1p
p0 mlock r0:1p
p0 fork p1
p1 mprotect r0 r
p1 mprotect r0 rw
p1 madvise r0:1p collapse
p1 read r0:1p
