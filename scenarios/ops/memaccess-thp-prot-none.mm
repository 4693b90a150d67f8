# FOLL_FORCE faults in a PROT_NONE range where THP is allowed: the huge
# zeropage of a read, the THP of a write, both inaccessible to the
# program's own loads.
# What: r0 and r1 are PROT_NONE with MADV_HUGEPAGE. /proc/self/mem reads
# r0 (the huge zeropage) and writes r1 (a new PMD-mapped THP), each mapped
# with the VMA's protection (do_huge_pmd_anonymous_page()), so p0's reads
# get SIGSEGV as on Linux; /proc/self/mem still reads what it wrote, and
# after mprotect(PROT_READ) so does p0. The emulator once mapped both
# readable.
# Why: I1 (a process reads only what the program lets it read).
p0 mmap r0 2m anon private none
p0 madvise r0 hugepage
p0 memread r0:1p
p0 read r0:1p
p0 read r0+1p:1p
p0 mmap r1 2m anon private none
p0 madvise r1 hugepage
p0 memwrite r1:1p
p0 read r1:1p
p0 memread r1:1p
p0 mprotect r1 r
p0 read r1:1p
