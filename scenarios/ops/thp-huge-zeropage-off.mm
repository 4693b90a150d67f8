# config huge_zeropage=off: a read fault in a THP range allocates a THP.
config thp=always
config huge_zeropage=off
p0 mmap r0 2m anon private rw
p0 read r0:1p
p0 write r0+5p:1p
p0 read r0:16p
