# F2 an unshare fault never makes an entry writable and always leaves a PAE anon
# page mapped (COW mappings).
# What: R/O pins that must unshare: a COW-shared anon page (copy), a previously
# shared anon page (reuse), the zeropage and a page-cache page (long-term:
# copy), on writable VMAs and on a R/O VMA; after each, a plain store to the R/O
# VMA must still fail (SIGSEGV) and stores to writable VMAs must still go
# through a (reusing) write fault without breaking the pin.
# Why: §3.4 F2, §2.3 (c89357e27f20, 8d6a0ac09a16).
file f0 memfd 1p
f0 write
p0 mmap r0 3p anon private rw
p0 mmap r1 1p anon private rw
p0 mmap r2 1p f0 private rw
p0 mmap r3 2p anon private rw
p0 write r0
p0 write r3
p0 mprotect r3 r
p0 read r1
p0 read r2
p0 fork p1
p1 munmap r0+1p:1p
p1 munmap r3+1p:1p
p0 gup g0 r0:1p pin
p0 gup g1 r0+1p:1p pin longterm
p0 gup g2 r1 pin longterm
p0 gup g3 r2 pin longterm fast
p0 gup g4 r3 pin longterm
p0 write r3
p0 read r3
p1 read r3:1p
p0 write r0
p0 write r1
p0 write r2
g1 read
g2 read
g3 read
g4 read
p1 read r0:1p
p1 read r0+2p:1p
