# A driver may not insert the zeropage where it could ever become writable
# (6.11+): the insertion fails with EINVAL and nothing is mapped.
# What: shared driver mappings with VM_MAYWRITE, writable (r0) and read-only
# (r1, mprotect could make it writable), refuse the zeropage; so do pages
# outside the driver's mapping (EFAULT: a hole in r2 after munmap).  Every
# access to the refused pages raises SIGBUS (no fault handler), GUP fails
# with EFAULT, and the pages around the hole that were inserted before it
# stay inserted.  The global zeropage is untouched: an anonymous read fault
# in r3 reads zeros.
# Why: §2.23 (vm_mixed_zeropage_allowed: a COW mapping, or neither VM_WRITE
# nor VM_MAYWRITE; else -EINVAL), vm_insert_page() -EFAULT outside the VMA,
# vm_map_pages() leaves what it inserted; S5.
p0 mmap r0 2p driver shared rw
p0 mmap r1 2p driver shared r
p0 mmap r2 3p driver private rw
p0 mmap r3 1p anon private rw
p0 insert-zeropage r0
p0 insert-zeropage r1
p0 munmap r2+1p:1p
p0 insert-zeropage r2
p0 read r0
p0 write r0
p0 read r1
p0 mprotect r1 rw
p0 write r1
p0 gup g0 r0 get
p0 gup g1 r1 pin longterm
p0 read r2:1p
p0 read r2+2p
p0 insert-zeropage r2+2p
p0 read r2+2p
p0 read r3
