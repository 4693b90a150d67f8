# write (fresh content): stores fault pages in (or COW them) and every page
# gets new unique content.
# What: a sequence of writes by a parent and two children to the same private
# pages, including writes to zeropage-mapped pages and to pages shared three
# ways; everyone must read only its own or inherited data.
# Why: write faults (§2.2): fresh PAE page, copy from zeropage, copy of a
# COW-shared page while others map it, reuse by the last mapper (refcount 1).
p0 mmap r0 4p anon private rw
p0 read r0
p0 write r0:2p
p0 fork p1
p0 fork p2
p1 write r0+1p:2p
p2 write r0+3p:1p
p0 write r0
p1 read r0
p2 read r0
p0 read r0
p1 exit
p2 write r0
p0 read r0
p2 read r0
