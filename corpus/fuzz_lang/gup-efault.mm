# gup requests the kernel refuses with EFAULT (statements fail, no violation).
# What:
# * get write / iouring on a R/O private mapping without force (no VM_WRITE);
# * a R/O pin on a PROT_NONE mapping without force (no VM_READ);
# * a forced write pin on a R/O MAP_SHARED mapping (FOLL_FORCE needs a COW
#   mapping);
# * a long-term write pin and an io_uring registration of a MAP_SHARED writable
#   tmpfile mapping (dirty-tracked file system, 8ac268436e6d/a6e79df92e4a, 6.5+).
# Afterwards nothing is referenced and all memory behaves normally; a short-term
# write pin of the same shared tmpfile mapping is allowed and coherent.
# Why: §2.16 check_vma_flags; §2.22; P4.
file f0 tmpfile 1p
file f1 memfd 1p
p0 mmap r0 1p anon private r
p0 mmap r1 1p anon private none
p0 mmap r2 1p f1 shared r
p0 mmap r3 1p f0 shared rw
p0 read r0
p0 read r3
p0 gup g0 r0 get write
p0 iouring g1 r0
p0 gup g2 r1 pin
p0 gup g3 r2 pin write force
p0 gup g4 r3 pin write longterm
p0 iouring g5 r3
p0 gup g6 r3 pin write longterm fast
p0 read r0
p0 read r2
p0 write r3
p0 gup g7 r3 pin write
p0 write r3
g7 read
g7 write
p0 read r3
