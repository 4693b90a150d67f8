# cow.c "R/O longterm GUP pin" on memfd page cache in era 5.8: the pin is
# done as a write GUP in the private mapping, so it lands on the process's
# own anon copy of the page, which the process's write then reuses (P3
# holds). 5.7 and 5.9 - 6.1 pin the page-cache page and lose the write
# (5.19-ro-longterm-pin-pagecache.mm); 6.2 unshares (84209e87c696).
era 5.8
expect ok
file f0 memfd 1p
f0 write
p0 mmap r0 1p f0 private rw
p0 read r0
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
