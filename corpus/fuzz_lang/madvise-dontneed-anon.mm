# madvise(MADV_DONTNEED) on private anonymous memory.
# What: discarded pages read as zeros afterwards; a discarded page that was
# pinned (R/W long-term) survives for the pin but the address gets a new page
# on the next fault, which is a user-initiated divergence (not reported); a
# child forked before the discard keeps its inherited content.
# Why: zap (§2.6): entries removed, pins untouched, a new fault maps a new page.
p0 mmap r0 3p anon private rw
p0 write r0
p0 gup g0 r0+1p:1p pin write longterm
p0 fork p1
p0 madvise r0 dontneed
p0 read r0
p1 read r0
g0 read
p0 write r0+1p:1p
g0 read
p1 madvise r0+2p:1p dontneed
p1 read r0
