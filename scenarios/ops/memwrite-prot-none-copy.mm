# A FOLL_FORCE write to a PROT_NONE private mapping after fork copies the
# page; the copy keeps the VMA's inaccessible protection, so the next load
# still faults (SIGSEGV), as it did before the write.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 mprotect r0 none
p0 memwrite r0
p0 read r0
