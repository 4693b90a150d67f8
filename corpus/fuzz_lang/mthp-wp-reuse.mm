# Write fault on a PTE-mapped mTHP that only this process still maps
# (large_folio_wp_reuse, 6.15, §0.4): the folio is reused page by page
# instead of copied, unless a reference other than the mappings holds it.
# What: fork shares the 64 KiB folio, the child exits; the parent writes a
# page (reused: that page becomes exclusive and writable), takes a R/O
# long-term pin of another (the unshare fault reuses it too), writes a
# third page (the pin's reference forces a 4 KiB copy), then writes the
# pinned page (exclusive: written in place, the pin sees it).
# Reuse or copy, the content is the same: nothing here tells the two apart
# (mthp-wp-reuse-off.mm runs it before 6.15); test_thp.c checks the folios.
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
