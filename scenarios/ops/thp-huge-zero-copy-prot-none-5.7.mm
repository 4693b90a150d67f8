# Before 5.8 a write fault on the huge zeropage copied the whole 2 MiB
# (do_huge_pmd_wp_page()): in a PROT_NONE mapping the copy is
# inaccessible like every entry there.
# What: /proc/self/mem reads r0 (the huge zeropage, inaccessible), then
# writes it: the new THP takes the VMA's protection, so p0's read gets
# SIGSEGV; /proc/self/mem reads what it wrote. The emulator once mapped
# the copy readable.
# Why: I1 (a process reads only what the program lets it read).
era 5.7
config thp=always
p0 mmap r0 2m anon private none
p0 memread r0:1p
p0 memwrite r0:1p
p0 read r0:1p
p0 memread r0:1p
