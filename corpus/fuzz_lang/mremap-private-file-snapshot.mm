# mremap of a private file mapping holding an unshared snapshot.
# What: page 0 of a private memfd mapping is unshared by a R/O long-term pin,
# page 1 still maps the page cache. The region moves to another slot: page 0
# keeps the snapshot (the anon page moves with its entry, the pin follows),
# page 1 keeps following the file; a child forked afterwards sees the same.
# Why: §2.8 (entries move, pins follow), §2.3, program.md §4 view rules for
# private file pages.
file f0 memfd 2p
f0 write
p0 mmap r0 2p f0 private rw
p0 read r0
p0 gup g0 r0:1p pin longterm
p0 mremap r0 r1
f0 write
p0 read r1
g0 read
p0 fork p1
f0 write
p1 read r1
p0 write r1
g0 read
p1 read r1
