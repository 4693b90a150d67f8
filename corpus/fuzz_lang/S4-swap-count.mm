# S4: a slot's swap_count equals the swap entries referring to it, and a
# folio in the swap cache holds its slot. Fork duplicates a swap entry
# (count 2, marker dropped in the parent); the child's swap-in and exit
# and the parent's munmap must each drop exactly one.
p0 mmap r0 1p anon private rw
p0 write r0
p0 madvise r0 pageout
p0 fork p1
p1 read r0
p1 exit
p0 fork p2
p2 munmap r0
p0 write r0
p0 read r0
