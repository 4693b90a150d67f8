# cow.c T9 in era 5.8: what the forced COW break (17839856fd58) fixed. The
# R/O long-term pin of a page COW-shared with a child is done as a write
# GUP: the parent gets its own writable copy and the pin lands on it, so
# the parent's later write is seen through the pin. 5.7 and 5.9 - 5.18 pin
# the shared page and lose the write (5.7-ro-pin-shared-page.mm).
era 5.8
expect ok
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
