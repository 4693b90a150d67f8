# Dirty COW (CVE-2016-5195), era 4.8 (4.8.2 and before). A write through
# /proc/self/mem (FOLL_FORCE|FOLL_WRITE) to a read-only private file
# mapping: the GUP's write fault gives the process a private copy, then
# the retry drops FOLL_WRITE ("COW is broken, a read lookup finds our
# copy"). A thread of the same process zaps that copy with MADV_DONTNEED
# before the retry looks: the read lookup faults the page-cache page back
# in, read-only, and the write lands in the file. Fixed by 19be0eaffa3a
# (4.8.3/4.9): FOLL_COW and the dirty bit of the entry instead.
era 4.8
expect violation fault/F4
file f0 tmpfile 1p
f0 write
p0 mmap r0 1p f0 private r
# The lookup finds no entry: t0 stops after it.
p0 memwrite r0 @t0
# The write fault copies the page; t0 stops after the fault.
t0 step
p0 madvise r0 dontneed
# Lookup (nothing), read fault (the file's page), lookup: the file's page.
t0 finish
