# A locked private mapping made writable is faulted in for writing at once
# (mprotect_fixup() populates it): the process's pages are its own copies
# from then on, and the file's later writes do not show through (6.18
# agrees through repro-c; found by fuzz_mm).
expect ok
file f0 memfd 1p
f0 write =3
p0 mmap r0 1p f0 private r
p0 mlock r0
p0 mprotect r0 rw
f0 write =4
p0 read r0
p0 mmap r1 1p f0 shared rw
p0 madvise r1 remove
p0 read r0
