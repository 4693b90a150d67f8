# madvise(MADV_POPULATE_WRITE).
# What: on a private file mapping it write-faults every page, which COWs them
# into private anon copies of the current file content: later pwrite()s are no
# longer visible there (a private copy made without a CPU write). On a private
# anonymous mapping it allocates zeroed exclusive pages; on a shared memfd
# mapping it just maps the page cache writable (no copy).
# Why: populate-write uses write faults (FOLL_WRITE, §2.2): private file -> COW
# copy; anon -> fresh PAE page; shared -> page-cache page (S7).
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw
p0 madvise r0 populate-write
p0 read r0
f0 write
p0 read r0
p0 mmap r1 2p anon private rw
p0 madvise r1 populate-write
p0 read r1
p0 fork p1
p0 write r1
p1 read r1
p0 mmap r2 2p f0 shared rw
p0 madvise r2 populate-write
f0 write +1p:1p
p0 read r2
p0 read r0
