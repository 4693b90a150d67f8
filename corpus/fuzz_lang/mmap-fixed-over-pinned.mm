# mmap(MAP_FIXED) over a pinned region replaces the mapping.
# What: a R/W long-term pinned region is replaced by a new anonymous mapping at
# the same slot (user-initiated): the address now shows fresh zeros, the old
# pages survive for the pin, device writes through the old pin do not appear
# in the new mapping, and the process's new writes do not appear in the pin
# beyond what it held. A fork afterwards shares the new (unpinned) pages.
# Why: §3.3 coherence definition (mmap(MAP_FIXED) over it ends the pin's tie to
# the address); §2.6 zap leaves pins alone.
p0 mmap r0 2p anon private rw
p0 write r0
p0 gup g0 r0 pin write longterm
p0 mmap r0 2p anon private rw
p0 read r0
g0 read
g0 write
p0 read r0
p0 write r0:1p
g0 read
p0 fork p1
p0 write r0
p1 read r0
