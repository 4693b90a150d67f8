# mremap of a range that spans two VMAs, before 6.17.
# What: an mlock of one page splits the mapping in two VMAs; the mremap of
# the whole range reaches past its first VMA and is refused with EFAULT:
# nothing moves, both pages stay where they were with their content.
# Since 6.17 both VMAs move (ops/mremap-across-vmas.mm).
# Why: mm/mremap.c before remap_move() (6.17): the range must lie in one
# VMA; knob mremap_multi_vma off in era 6.15 (I1).
era 6.15
p0 mmap r0 2p anon private rw
p0 write r0:2p
p0 mlock r0:1p
p0 mremap r0 r1
p0 read r0:2p
p0 read r1
