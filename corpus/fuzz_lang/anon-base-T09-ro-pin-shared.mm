# cow.c "R/O GUP pin on R/O-mapped shared page" (§4.1 T9).
# What: fork (child stays alive); the parent takes a R/O long-term pin (slow
# GUP) on the COW-shared page, then writes; the pin must observe the write.
# Why: a R/O FOLL_PIN on a non-PAE anon page must unshare (c89357e27f20,
# a7f226604170; §2.3, §2.17): the parent gets an exclusive copy mapped R/O and
# the pin lands on it; the later write fault reuses it (PAE). P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p1 read r0
p0 read r0
