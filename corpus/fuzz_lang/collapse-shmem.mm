# MADV_COLLAPSE of shared anonymous memory (shmem). The kernel collapses
# shmem into a PMD THP (or says EAGAIN while a page is held); the emulator
# models no file or shmem THPs and refuses with EINVAL (the Divergence
# note of madvise_collapse() in emu/khugepaged.c). `mmfuzz diff` shows
# this one divergence (madvise result: emulator EINVAL, live ok); the
# content is the same either way.
expect ok
config thp=madvise
p0 mmap r0 2m anon shared rw
p0 write r0:1p
p0 madvise r0 collapse
p0 read r0:1p
