# madvise(MADV_DONTFORK) on a pinned buffer (the old RDMA workaround).
# What: a R/W long-term pinned region is marked DONTFORK; fork does not give it
# to the child (the child uses another region); the parent's writes stay
# visible through the pin; a second region without the advice is inherited.
# Why: VM_DONTCOPY VMAs are not duplicated (§2.4, §2.7).
p0 mmap r0 2p anon private rw
p0 mmap r1 1p anon private rw
p0 write r0
p0 write r1
p0 gup g0 r0 pin write longterm
p0 madvise r0 dontfork
p0 fork p1
p0 write r0
g0 read
p1 read r1
p1 write r1
p0 read r1
g0 write
p0 read r0
