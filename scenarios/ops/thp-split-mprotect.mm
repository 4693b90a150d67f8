# mprotect of part of a PMD-mapped THP splits the PMD (§2.5); the folio
# stays large and PTE-mapped; the round trip upgrades the exclusive pages
# back to writable (6.0+), so the write needs no fault.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 write r0+1p:2p
p0 read r0:16p
