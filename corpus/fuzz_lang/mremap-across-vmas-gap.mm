# mremap of a range with a hole between two VMAs (6.17+).
# What: the move takes each VMA by the same distance, so the hole stays a
# hole at the destination (its read fails there as at the source) and the
# pages around it keep their content.  A move that starts in the hole is
# EFAULT in every era.
# Why: mm/mremap.c remap_move() keeps the gaps between the source VMAs and
# refuses a range that does not start in one (I1).
p0 mmap r0 3p anon private rw
p0 write r0
p0 munmap r0+1p:1p
p0 mremap r0+1p:2p r2
p0 mremap r0 r1
p0 read r1:1p
p0 read r1+2p:1p
p0 read r1+1p:1p
p0 read r0
p0 write r1+2p:1p
p0 read r1+2p:1p
