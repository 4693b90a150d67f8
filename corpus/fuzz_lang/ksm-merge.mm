# KSM merge (semantics §2.11): identical pages of mergeable VMAs become one
# read-only KSM page, in one process and across processes; content written
# with =V (=0 for zeros, the same content as never-written pages copied
# from the zeropage) is what is compared. Merging must not change what any
# process sees: the view oracle checks every page after every statement.
# Any write to a KSM page copies; a later identical page joins the KSM page
# through the stable tree; pages outside the advice, of a shared mapping
# (advice ignored) or of a private file mapping's page cache stay as they are.
file f0 memfd 2p
f0 write =7
p0 mmap r0 4p anon private rw
p0 mmap r1 2p anon private rw
p0 mmap r2 1p anon shared rw
p0 mmap r3 2p f0 private rw
p0 madvise r0 mergeable
p0 madvise r1:1p mergeable
p0 madvise r2 mergeable
p0 madvise r3 mergeable
p0 write r0:2p =7
p0 write r0+2p:1p =0
p0 madvise r0+3p:1p populate-write
p0 write r1 =7
p0 write r2 =7
p0 read r3:1p
p0 write r3+1p:1p =7
p0 fork p1
p1 write r0 =7
ksm
p0 read r0
p1 read r0
p0 read r1
p0 read r3
f0 write =8
p0 read r3
p1 write r0:1p =9
p0 read r0
p0 write r1:1p =7
ksm
p0 read r1
p0 write r0 =1
p1 read r0
p1 write r0 =2
p0 read r0
p0 write r3 =3
