# Before 6.11 (knob zeropage_insert_special=off) the zeropage a driver
# inserts is refcounted and mapcounted like any inserted page: where it
# cannot be written (COW and read-only shared mappings) this is only
# bookkeeping, and it must balance.
# What: the zeropage goes into a private rw driver mapping (a normal
# read-only entry: +1 reference, +1 file mapcount each) and a shared
# ro-file one.  fork copies the entries (the child's take their own
# references); writes copy in both processes; GUP takes references, R/O and
# long-term pins; mprotect, MADV_DONTNEED, mremap, reclaim and compaction
# leave it alone; the child exits and p0 unmaps.  After every statement the
# zeropage's refcount and mapcount match the entries (S1, S2) and it reads
# zeros (S5).
# Why: §2.23 (before 6.11), §3.1 S1 S2 S5, §2.4, §2.6.
knob zeropage_insert_special=off
p0 mmap r0 4p driver private rw
p0 mmap r1 2p driver shared r ro-file
p0 insert-zeropage r0
p0 insert-zeropage r1
p0 fork p1
p1 write r0:1p
p0 write r0+1p:1p
p0 gup g0 r0+2p:1p get
p0 gup g1 r1:1p pin longterm
p0 gup g2 r0+3p:1p pin longterm
p0 vmsplice g3 r1+1p:1p
p0 mprotect r0 r
p0 mprotect r0 rw
p1 madvise r0+2p:2p dontneed
reclaim
compact
p0 mremap r1 r2
p1 read r0:2p
p0 read r0
p0 read r2
g0 read
g1 read
g3 read
p1 exit
g0 put
p0 munmap r0:2p
p0 write r0+2p:2p
g2 read
g3 read
