# mremap of a pinned region: the pin follows the move.
# What: a R/W long-term pinned region is moved to another slot; the process
# writes at the new address and the pin sees it; a device write through the pin
# is seen at the new address; fork afterwards still copies the pinned page for
# the child.
# Why: mremap moves page-table entries with all bits (PAE included) (§2.8); the
# pin stays coherent with the new address (§3.3); P1, P6.
p0 mmap r0 2p anon private rw
p0 write r0
p0 gup g0 r0 pin write longterm
p0 mremap r0 r1
p0 read r1
p0 write r1
g0 read
g0 write
p0 read r1
p0 fork p1
p0 write r1
g0 read
p1 read r1
