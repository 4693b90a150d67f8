# cow.c "T05" on a swapped-out base page (run_with_base_page_swap):
# generated from anon-base-T05-vmsplice-before-fork-unmap-parent.mm with MADV_PAGEOUT after populating,
# so the test's first access swaps the page back in (semantics §2.9,
# §2.10; outcome per era: the SWP rows of §4.2). Era current: pass.
p0 mmap r0 1p anon private rw
p0 write r0
p0 madvise r0 pageout
p0 vmsplice g0 r0
p0 fork p1
p0 munmap r0
p1 write r0
g0 read
p1 read r0
p1 exit
g0 read
