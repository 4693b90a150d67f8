# cow.c non-anon "R/O longterm GUP pin" with the shared zeropage (§4.4).
# What: mem (r0) private writable anon, smem (r1) private read-only anon; both
# read (zeropage mapped). R/O long-term pin on mem (slow GUP), write mem, read
# through the pin: it must observe the write (what mem shows).
# Why: a R/O FOLL_LONGTERM pin of the zeropage in a COW mapping must unshare
# (8d6a0ac09a16, 84209e87c696, 6.2+; §2.3, §2.17): mem gets a fresh zeroed
# exclusive anon page mapped R/O and the pin lands on it (P3). The write fault
# then reuses that PAE page. Pre-6.2 (except 5.8) the pin held the zeropage and
# the write copied away from it. Era G: P.
p0 mmap r0 1p anon private rw
p0 mmap r1 1p anon private r
p0 read r0
p0 read r1
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
p0 read r0
p0 read r1
