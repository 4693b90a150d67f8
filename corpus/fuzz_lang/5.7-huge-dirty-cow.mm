# Huge Dirty COW (CVE-2017-1000405), kernels 4.10 - 4.14: era 5.7 with
# touch_pmd() dirtying PMDs on reads again (fixed by a8f97366452e, 4.15).
# A forced write to a read-only private anonymous THP range takes a COW
# fault (FOLL_COW); before its retry looks, MADV_DONTNEED drops the copy
# and a /proc/self/mem read faults in the huge zero PMD and marks it dirty.
# The retry's FOLL_COW + dirty test (8310d48b125d) then lets the write
# into the huge zeropage, which every process reads.
era 5.7
knob touch_pmd_always_dirty=on
config thp=always
expect violation fault/F4
p0 mmap r0 2m anon private r
# A read fault maps the huge zero PMD.
p0 read r0:1p
# The lookup finds it read-only: t0 stops, then takes the COW fault.
p0 memwrite r0:1p @t0
t0 step
p0 madvise r0 dontneed
p0 memread r0:1p
t0 finish
