# fork's early copy of a pinned page in a PROT_NONE mapping stays
# inaccessible in the child.
# What: p1 pins its page (io_uring), makes the mapping PROT_NONE and forks;
# fork copies the possibly pinned page for p2 (copy_present_page), and the
# copy's entry takes the VMA's protection (mk_pte() with vm_page_prot), so
# p2's read faults (SIGSEGV) as on Linux 6.18. The emulator once gave the
# copy a readable entry and the read succeeded, which `mmfuzz diff
# --random` found (emulator ok, live SIGSEGV) and the view oracle reports
# (I1); tests/test_emu.c (test_fork_copy_pinned_protnone) asserts the
# entry.
# Why: I1 (a process reads only what the program lets it read).
p0 fork p1
p1 mmap r0 1p anon private rw
p1 write r0
p1 iouring g0 r0
p1 mprotect r0 none
p1 fork p2
p2 read r0
p1 mprotect r0 rw
p1 read r0
