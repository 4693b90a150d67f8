# A page swapped out of a PROT_NONE mapping comes back inaccessible.
# What: p0 writes r0, makes it PROT_NONE and pages it out; /proc/self/mem
# reads it (a FOLL_FORCE fault swaps it in: do_swap_page() maps it with
# the VMA's protection), so p0's own read gets SIGSEGV; after
# mprotect(PROT_READ) it reads its data. The emulator once swapped the
# page in readable.
# Why: I1 (a process reads only what the program lets it read).
p0 mmap r0 1p anon private rw
p0 write r0
p0 mprotect r0 none
p0 madvise r0 pageout
p0 memread r0
p0 read r0
p0 mprotect r0 r
p0 read r0
