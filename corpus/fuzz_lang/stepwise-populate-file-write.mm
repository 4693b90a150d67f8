# MAP_POPULATE of a private writable file mapping stops right after its
# write fault gave the process a private copy of the file's page. The file
# is written meanwhile: the copy keeps the content it was made with. The
# oracle learns of the copy at the fault, not when mmap returns.
expect ok
file f0 memfd 1p
p0 mmap r0 1p f0 private rw populate @t7
t7 step
f0 write :1p
t7 finish
p0 read r0
