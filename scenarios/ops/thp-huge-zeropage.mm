# A read fault in a THP range maps the huge zeropage (§2.13); a write
# splits it into zeropage PTEs and copies one 4 KiB page (5.8+); fork
# copies the huge zero PMD.
config thp=always
p0 mmap r0 2m anon private rw
p0 read r0+1p:1p
p0 fork p1
p0 write r0+3p:1p
p1 read r0:16p
p0 read r0:16p
p1 write r0:1p
p1 read r0:4p
