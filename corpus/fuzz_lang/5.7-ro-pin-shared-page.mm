# cow.c T9 in era 5.7: a R/O long-term pin lands on a page COW-shared with a
# child (no unshare before 5.19). The parent's write copies (mapcount 2), so
# the pin keeps the old page and misses the write.
era 5.7
expect violation pin-coherence/P2
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
