# X6 a pinned anon page was PAE when pinned and stays PAE while pinned.
# What: R/O and R/W pins (short and long term, slow and fast) on pages that are
# exclusive, COW-shared (must unshare first) and previously shared; then every
# operation that clears PAE on unpinned pages: fork (twice), clear-refs,
# mprotect round trips, mremap, MADV_DONTFORK/DOFORK, a vmsplice on top, and
# a child's writes; every pin stays coherent.
# Why: §3.2 X6; §2.4 (fork copies possibly pinned PAE pages, P6), §2.24
# (clear-refs skips pinned writable PTEs), §2.5, §2.8, §2.17 (pins land only on
# PAE pages).
p0 mmap r0 4p anon private rw
p0 write r0
p0 gup g0 r0:1p pin
p0 fork p1
p0 gup g1 r0+1p:1p pin longterm fast
p1 exit
p0 gup g2 r0+2p:1p pin write
p0 fork p2
p0 gup g3 r0+3p:1p pin write longterm fast
p0 clear-refs
p0 mprotect r0 r
p0 mprotect r0 rw
p0 vmsplice g4 r0
p0 madvise r0 dontfork
p0 madvise r0 dofork
p0 mremap r0 r1
p0 fork p3
p0 write r1
g1 read
g2 read
g3 read
p3 write r1
p2 write r0
g1 read
g3 read
p0 read r1
