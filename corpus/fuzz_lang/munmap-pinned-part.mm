# munmap of one page inside a pinned range.
# What: a 3-page R/W long-term pin; the middle page is unmapped by its owner.
# The two pages still mapped must stay coherent with the pin in both
# directions (CPU writes, device writes); the unmapped page's pin is orphaned
# (no requirement), and a fork still copies the remaining pinned pages.
# Why: coherence is per page and ends only for the address the user unmapped
# (§3.3, program.md §4); §2.6; P1, P6.
p0 mmap r0 3p anon private rw
p0 write r0
p0 gup g0 r0 pin write longterm
p0 munmap r0+1p:1p
p0 write r0:1p
p0 write r0+2p:1p
g0 read
g0 write
p0 read r0:1p
p0 read r0+2p:1p
p0 fork p1
p0 write r0+2p:1p
g0 read
p1 read r0+2p:1p
