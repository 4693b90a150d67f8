# munmap of a whole region.
# What: the region is unmapped while a pipe (vmsplice) and a R/W pin still
# reference its pages; reading the handles is allowed (the pages survive,
# orphaned) and shows the last content; the slot can be mapped again and is
# then fresh (zeros), independent of the old pages: a device write through the
# old pin after the re-mmap must not appear in the new mapping.
# Why: zap drops mapcount/refcount per entry but leaves GUP references alone
# (§2.6); divergence after a user munmap is not a violation (program.md §4,
# §3.3 coherence definition).
p0 mmap r0 2p anon private rw
p0 write r0
p0 vmsplice g0 r0:1p
p0 gup g1 r0+1p:1p pin write longterm
p0 munmap r0
g0 read
g1 read
g1 write
g1 read
p0 mmap r0 2p anon private rw
p0 read r0
g1 write
p0 read r0
p0 write r0
g0 read
g1 read
