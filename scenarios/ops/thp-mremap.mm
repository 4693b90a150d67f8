# mremap of a whole PMD-mapped THP to an aligned address moves the PMD;
# of half of one splits it first (§2.8).
config thp=always
p0 mmap r0 2m anon private rw
p0 mmap r2 2m anon private rw
p0 write r0
p0 write r2
p0 mremap r0 r1
p0 mremap r2+1m:1m r3
p0 read r1
p0 read r3:1m
p0 read r2:1m
p0 write r3+1p:1p
p0 read r3:1m
