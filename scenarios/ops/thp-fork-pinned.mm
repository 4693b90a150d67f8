# fork of a THP pinned R/W long-term: the parent's PMD is split and the
# pinned pages are copied for the child (§2.4), so the parent's writes
# stay visible through the pin.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 iouring g0 r0:4p
p0 fork p1
p0 write r0:16p
g0 read
p1 read r0:16p
g0 put
