# mremap of a range that spans two VMAs (an mlock of one page split it).
# What: since 6.17 ("mm/mremap: permit mremap() move of multiple VMAs") a
# MREMAP_FIXED move that does not resize may span several VMAs: both move,
# the old range is left unmapped, the new one holds the writes and the
# locked page stays locked (era current; eras/6.15-mremap-across-vmas.mm
# has the EFAULT of the kernels before).  Linux 6.18 agrees through
# `mmfuzz diff`.
# Why: emu/mmap.c mm_mremap(), knob mremap_multi_vma; the process sees its
# own writes where they went (I1).
p0 mmap r0 2p anon private rw
p0 write r0:2p
p0 mlock r0:1p
p0 mremap r0 r1
p0 read r0:2p
p0 read r1:2p
p0 write r1:2p
p0 read r1:2p
