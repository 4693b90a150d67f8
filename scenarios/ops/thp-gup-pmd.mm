# GUP on PMD-mapped THPs: a R/O long-term pin of a shared THP unshares one
# 4 KiB page (§2.3); GUP-fast pins an exclusive THP directly; a write pin
# of a shared THP breaks COW.
config thp=always
p0 mmap r0 2m anon private rw
p0 mmap r1 2m anon private rw
p0 write r0:16p
p0 write r1:16p
p0 fork p1
p0 gup g0 r0:2p pin longterm fast
p0 write r0:16p
g0 read
p1 gup g1 r1+4p:1p pin write longterm
g1 write
p1 read r1:16p
p0 read r1:16p
p1 exit
p0 gup g2 r1:8p pin longterm fast
p0 write r1:16p
g2 read
