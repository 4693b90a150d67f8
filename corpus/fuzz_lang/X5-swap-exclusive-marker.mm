# X5: a swap entry with the exclusive marker is the only entry of its slot
# and the page it stands for is mapped nowhere else. Swap-out of an
# exclusive page sets the marker; fork must clear it in the parent before
# the slot gets a second entry; swap-in of a marked entry maps the page
# exclusive and writable without a copy.
p0 mmap r0 1p anon private rw
p0 write r0
p0 madvise r0 pageout
p0 fork p1
p0 write r0
p1 read r0
p1 write r0
p0 madvise r0 pageout
p0 read r0
