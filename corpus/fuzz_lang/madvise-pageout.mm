# MADV_PAGEOUT (semantics §2.9, §2.10): an exclusive anon page goes to swap
# with the exclusive marker and comes back exclusive (writable at once
# since 6.11, c18160dba5ff) with its content; a page shared with a child
# after fork is left alone by MADV_PAGEOUT. The view oracle checks the
# content after every statement, swapped or not.
p0 mmap r0 2p anon private rw
p0 write r0
p0 madvise r0 pageout
p0 read r0
p0 write r0+1p:1p
p0 fork p1
p0 madvise r0 pageout
p1 write r0:1p
p0 read r0
p1 read r0
p1 exit
p0 madvise r0 pageout
p0 memread r0
p0 memwrite r0
p0 read r0
