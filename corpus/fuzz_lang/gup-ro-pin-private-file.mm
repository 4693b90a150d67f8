# gup pin (R/O, short-term) and get on a private file mapping: no unshare.
# What: a R/O short-term pin and a get reference on a private memfd page land
# on the page-cache page (only long-term R/O pins unshare non-anon pages); a
# later pwrite() is visible through them and through the mapping; the process's
# write then copies away (allowed for short-term pins and references). A R/O
# long-term pin on the second page unshares it: the mapping then keeps the
# content of that moment while the file moves on, and the pin follows the
# process's own writes.
# Why: §2.17 must-unshare (non-anon only with FOLL_LONGTERM), P3; program.md §4
# (private copy without a write, stable from then on).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw
p0 read r0
p0 gup g0 r0:1p pin
p0 gup g1 r0:1p get
p0 gup g2 r0+1p:1p pin longterm
f0 write
p0 read r0
g0 read
g1 read
g2 read
p0 write r0
g0 read
g1 read
g2 read
