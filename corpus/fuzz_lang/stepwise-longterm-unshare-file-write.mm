# A R/O long-term pin of a private file page (6.2+: GUP unshares, so the
# pin holds a private copy). The pin stops after its read fault mapped
# the page-cache page; the file is written meanwhile; then GUP unshares:
# the copy, and the pin, have the file's new content. The copy is frozen
# when GUP unshares the page, not at the read fault before.
expect ok
file f0 memfd 1p
p0 mmap r0 1p f0 private r
p0 gup g0 r0 pin longterm @t0
t0 step
f0 write :1p
t0 finish
g0 read
p0 read r0
