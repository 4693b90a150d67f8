# Era 5.18 (4.9 - 5.18): KSM takes away a R/O-pinned page. Before 5.19,
# write_protect_page() checks for extra references (refcount == mapcount
# + swapcache) only when the entry is writable or dirty; a page mapped
# read-only and clean - here swapped in by a read after fork - goes
# unchecked, so the page a R/O pin holds is replaced by the KSM page and
# the pin no longer sees what the process maps. From 5.19 the R/O pin
# first unshares the page into an exclusive one, and write_protect_page
# checks every exclusive page, so the merge is refused.
era 5.18
expect violation pin-coherence/P2
p0 mmap r0 2p anon private rw
p0 madvise r0 mergeable
p0 write r0 =5
p0 fork p1
reclaim
p0 read r0
p0 gup g0 r0:1p pin
ksm
