# mremap of a whole PMD-mapped THP to an aligned address moves the PMD;
# of half of one splits it first (§2.8).
config thp=always
p0 mmap r0 2m anon private rw
p0 mmap r2 2m anon private rw
p0 write r0:16p
p0 write r2:16p
p0 mremap r0 r1
p0 mremap r2+32p r3
p0 read r1:16p
p0 read r3:16p
p0 read r2:32p
p0 write r3+1p:1p
p0 read r3:16p
