# cow.c "R/O longterm GUP pin" on memfd page cache in era 5.19: the pin lands
# on the page-cache page of a private mapping; the process's write COWs away
# from it. Fixed in 6.2 (84209e87c696).
era 5.19
expect violation pin-coherence/P3
file f0 memfd 1p
f0 write
p0 mmap r0 1p f0 private rw
p0 read r0
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
