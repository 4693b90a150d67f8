# compact when no process maps anything (semantics §2.25): the only movable
# folio is an unmapped page-cache page, which moves; the file's content is
# what a later mapping sees.
file f0 shmem 2p
f0 write =3
p0 mmap r5 1p anon private none
compact
p0 mmap r0 2p f0 shared r
p0 read r0
