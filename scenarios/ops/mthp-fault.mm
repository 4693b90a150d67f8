# config mthp: a write fault maps the largest enabled mTHP that fits the
# VMA and has no entry yet (§2.12), all its pages at once; reads still
# use the 4 KiB zeropage.
config thp=never
config mthp=16k,64k
p0 mmap r0 96k anon private rw
p0 read r0+64k:1p
p0 write r0:1p
p0 write r0+80k:1p
p0 read r0
p0 fork p1
p0 write r0+4k:1p
p1 read r0
p0 read r0
