# A write fault in an eligible, aligned 2 MiB range (config thp=always)
# maps one PMD-mapped THP (§2.12 populate): every page of it is there at
# once, zero except what was written.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:1p
p0 read r0:48p
p0 write r0+40p:1p
p0 read r0:48p
