# MADV_COLLAPSE of a private anonymous mapping that never faulted a page.
# What: with no anon_vma yet (no page was ever faulted in, here or in a
# parent before fork) the VMA allows no THP order outside a fault, so the
# collapse is refused with EINVAL, whatever the range; once a page was
# written it collapses.  Linux 6.18 agrees through `mmfuzz diff` (found by
# `mmfuzz diff --random 10000 --target fuzz_thp`, emulator ok, live EINVAL).
# Why: mm/huge_memory.c __thp_vma_allowable_orders() (no anon_vma, not a
# fault); the pages read as before (I1).
p0 mmap r0 2m anon private rw
p0 madvise r0:1p collapse
p0 madvise r0 collapse
p0 fork p1
p1 madvise r0 collapse
p0 write r0:1p
p0 madvise r0 collapse
p0 read r0:2p
