# hugetlb leaves a FOLL_FORCE fault installs in a PROT_NONE mapping are
# inaccessible to the program's own loads.
# What: /proc/self/mem reads r0 (PROT_NONE): hugetlb_no_page() maps a new
# huge page with the VMA's protection (make_huge_pte()), so p0's read gets
# SIGSEGV. In r1, written and then made PROT_NONE, p1 (forked) writes
# through /proc/self/mem: hugetlb_wp() copies the shared page behind an
# inaccessible leaf, so p1's read faults too; p0 keeps its own data. The
# emulator once mapped both leaves readable.
# Why: I1 (a process reads only what the program lets it read).
p0 mmap r0 2m anon private none hugetlb
p0 memread r0:1p
p0 read r0:1p
p0 mmap r1 2m anon private rw hugetlb
p0 write r1:1p
p0 mprotect r1 none
p0 fork p1
p1 memwrite r1:1p
p1 read r1:1p
p1 memread r1:1p
p0 mprotect r1 r
p0 read r1:1p
