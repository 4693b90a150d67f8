# A FOLL_FORCE read fault in a PROT_NONE anonymous mapping leaves an
# inaccessible entry: the program's own read still faults.
# What: /proc/self/mem reads r0 (PROT_NONE): the fault maps the zeropage
# (do_anonymous_page()), with the VMA's protection (vm_page_prot), so p0's
# read gets SIGSEGV as on Linux. The emulator once mapped that zeropage
# readable and the read went through, which the view oracle reports (I1).
# After mprotect(PROT_READ) the page reads zeros; a `gup ... pin force`
# takes the same fault (tests/test_prot.c).
# Why: I1 (a process reads only what the program lets it read).
p0 mmap r0 1p anon private none
p0 memread r0
p0 read r0
p0 mprotect r0 r
p0 read r0
