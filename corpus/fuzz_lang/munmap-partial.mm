# munmap of part of a region.
# What: the middle two pages of a 4-page region are unmapped (one of them
# pinned); the remaining pages keep their content, a child inherits only them,
# COW between parent and child still works on the remaining pages.
# Why: munmap splits the VMA and zaps only the range (§2.6); pins survive zaps.
p0 mmap r0 4p anon private rw
p0 write r0
p0 gup g0 r0+1p:1p pin longterm
p0 munmap r0+1p:2p
p0 read r0:1p
p0 read r0+3p:1p
g0 read
p0 fork p1
p1 read r0:1p
p1 read r0+3p:1p
p0 write r0+3p:1p
p1 write r0:1p
p0 read r0:1p
p1 read r0+3p:1p
