# The Dirty COW race (scenarios/eras/4.8-dirty-cow.mm) in era 5.7: after
# the COW fault the retry keeps FOLL_WRITE and sets FOLL_COW (19be0eaffa3a).
# Once MADV_DONTNEED has zapped the copy, the retry finds no entry, takes
# another write fault (a new private copy) and may write that dirty entry:
# the file is untouched.
era 5.7
file f0 tmpfile 1p
f0 write
p0 mmap r0 1p f0 private r
p0 mmap r1 1p f0 shared r
p0 memwrite r0 @t0
t0 step
p0 madvise r0 dontneed
t0 finish
p0 read r0
p0 read r1
