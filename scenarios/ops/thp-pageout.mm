# MADV_PAGEOUT of a PMD-mapped THP: it goes to swap as small pages (split
# first, §4.1 SWP); swap-in is per page.  A THP shared with a child is
# left alone; reclaim takes it once all its mappings are found.
config thp=always
p0 mmap r0 2m anon private rw
p0 mmap r1 2m anon private rw
p0 write r0:16p
p0 write r1:16p
p0 madvise r0 pageout
p0 read r0+3p:1p
p0 fork p1
p0 madvise r1 pageout
p1 read r1:1p
reclaim
p1 read r1:16p
p0 write r1+9p:1p
p1 read r1:16p
p0 read r0:16p
