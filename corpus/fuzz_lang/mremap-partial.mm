# mremap of part of a region, with a R/O long-term pin on the moved page.
# What: the middle page of a 3-page region (R/O long-term pinned after a fork
# unshared it) moves to another slot; writes at the new address are seen
# through the pin; the pages that stayed keep their content; the child keeps
# the pre-fork data everywhere.
# Why: §2.8 (entries move with their PAE bit), §2.3 (unshare at pin time), P2.
p0 mmap r0 3p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0+1p:1p pin longterm
p0 mremap r0+1p:1p r2
p0 write r2
g0 read
p0 read r0:1p
p0 read r0+2p:1p
p0 write r0:1p
p1 read r0
p0 read r2
