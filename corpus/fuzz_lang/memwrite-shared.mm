# memwrite on shared mappings.
# What: on a writable MAP_SHARED memfd mapping the /proc/self/mem write goes to
# the file (VM_WRITE present, no COW); on a read-only MAP_SHARED mapping it is
# refused (GUP says EFAULT: FOLL_FORCE needs a COW mapping; the write()
# returns EIO), so nothing changes.
# Why: §2.16 check_vma_flags; S7, F4.
file f0 memfd 2p
p0 mmap r0 2p f0 shared rw
p0 mmap r1 2p f0 shared r
p0 mmap r2 2p f0 private r
p0 memwrite r0:1p
p0 read r1
p0 read r2
p0 memwrite r1+1p:1p
p0 read r0
p0 read r1
p0 read r2
