# mmap: private anonymous, PROT_NONE.
# What: loads and stores fail with SIGSEGV (not violations); /proc/self/mem
# reads still work (FOLL_FORCE on a VMA with VM_MAYREAD, §2.16); after
# mprotect(RW) the region behaves as normal anonymous memory.
# Why: check_vma_flags allows a FOLL_FORCE read without VM_READ when VM_MAYREAD
# is set; nothing is ever written by the failing accesses.
p0 mmap r0 2p anon private none
p0 read r0
p0 write r0
p0 memread r0
p0 mprotect r0 rw
p0 read r0
p0 write r0
p0 read r0
