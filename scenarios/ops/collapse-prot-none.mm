# MADV_COLLAPSE of a PROT_NONE range maps the new THP inaccessible.
# What: p0 writes a page of r0, makes the 2 MiB PROT_NONE and collapses
# it: the PMD of the new THP takes the VMA's protection
# (collapse_huge_page()), so p0's read gets SIGSEGV; /proc/self/mem reads
# the data, and so does p0 after mprotect(PROT_READ). The emulator once
# mapped the collapsed THP readable.
# Why: I1 (a process reads only what the program lets it read).
p0 mmap r0 2m anon private rw
p0 write r0:1p
p0 mprotect r0 none
p0 madvise r0 collapse
p0 read r0:1p
p0 memread r0:1p
p0 mprotect r0 r
p0 read r0:2p
