# mthp-wp-reuse.mm with large_folio_wp_reuse=off (before 6.15): every
# write to a page of the folio that is not exclusive copies 4 KiB, the
# R/O long-term pin unshares into a copy; the outcome is the same.
knob large_folio_wp_reuse=off
config thp=never
config mthp=64k
p0 mmap r0 64k anon private rw
p0 write r0
p0 fork p1
p1 read r0:2p
p1 exit
p0 write r0+3p:1p
p0 gup g0 r0:1p pin longterm
p0 write r0+5p:1p
p0 write r0:1p
g0 read
p0 read r0
g0 put
p0 write r0+6p:1p
p0 read r0
