# mmap option populate on private file mappings.
# What: MAP_POPULATE on a private *writable* file mapping pre-faults with write
# faults, which COW every page into a private anon copy of the file content at
# mmap time: later pwrite()s are not visible there. A private *read-only*
# populated mapping maps the page-cache pages and keeps following the file.
# Why: populate_vma_page_range uses FOLL_WRITE for (VM_WRITE, !VM_SHARED)
# mappings "to break COW" (§2.2 private file write fault); this is a private
# copy made without a CPU write (program.md §4: stable from then on).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw populate
p0 mmap r1 2p f0 private r populate
p0 read r0
p0 read r1
f0 write
p0 read r0
p0 read r1
p0 fork p1
f0 write +1p:1p
p1 read r0
p1 read r1
