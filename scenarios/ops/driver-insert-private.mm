# A private driver mapping (VM_MIXEDMAP, a COW mapping): the driver inserts
# the shared zeropage, which reads zero and is copied on write.
# What: r0 (rw) and r1 (r) are private mappings of a character device whose
# driver has no fault handler.  It inserts the zeropage into the first two
# pages of each (a special, read-only entry, 6.11+); the last page of each
# holds nothing, so touching it raises SIGBUS (not a violation).  Inserting
# again where an entry exists fails with EBUSY and changes nothing.  A store
# to r0 copies the zeropage into a private page; a memwrite (FOLL_FORCE) to
# the read-only r1 does too; the other inserted pages and an anonymous read
# fault's zeropage in r2 still read zeros.  Once the rest is inserted it
# reads zero as well.
# Why: §2.23 (COW mapping: allowed, special, never writable; a write fault
# copies), §2.2 (copy of the zeropage is zero-filled), §2.17 (FOLL_FORCE on a
# COW mapping), S5, S6, F1, F4; the kernel's do_fault() gives SIGBUS without
# vm_ops->fault.
p0 mmap r0 3p driver private rw
p0 mmap r1 3p driver private r
p0 mmap r2 1p anon private rw
p0 insert-zeropage r0:2p
p0 insert-zeropage r1:2p
p0 read r0:2p
p0 read r1:2p
p0 read r0+2p
p0 write r0+2p
p0 insert-zeropage r0+1p
p0 write r0:1p
p0 memwrite r1:1p
p0 read r0
p0 read r1
p0 read r2
p0 insert-zeropage r0
p0 insert-zeropage r0+2p
p0 insert-zeropage r1+2p
p0 read r0
p0 read r1
p0 write r0
