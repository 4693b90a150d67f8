# mremap of a range that spans two VMAs (an mlock of one page split it).
# What: before 6.17 mremap() refused a range reaching past its first VMA
# with EFAULT, and so does the emulator; since 6.17 ("permit mremap() move
# of multiple VMAs") a MREMAP_FIXED move of adjacent VMAs without a gap
# moves them all, so on Linux 6.18 this mremap succeeds and `mmfuzz diff`
# reports the result as a divergence (emulator EFAULT, live ok). Era G
# (6.15, current) covers kernels on both sides of the change: the model
# keeps the older rule until an era or knob separates them.
# Why: emu/mmap.c mm_mremap() Divergence note; the process still sees its
# own write where it left it (I1).
p0 mmap r0 2p anon private rw
p0 write r0:2p
p0 mlock r0:1p
p0 mremap r0 r1
p0 read r0:2p
