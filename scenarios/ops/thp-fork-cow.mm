# fork shares a PMD-mapped THP read-only (§2.4); each side's write splits
# the PMD and copies only the 4 KiB written (5.8+); the other side keeps
# seeing the old data.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 fork p1
p0 write r0+2p:1p
p1 read r0:16p
p1 write r0+7p:1p
p0 read r0:16p
p1 exit
p0 write r0:16p
p0 read r0:16p
