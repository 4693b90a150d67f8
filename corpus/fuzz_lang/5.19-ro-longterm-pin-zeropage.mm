# cow.c "R/O longterm GUP pin" on the shared zeropage in era 5.19 (5.19 - 6.1):
# unsharing exists for anon pages only, so the long-term R/O pin lands on the
# zeropage; the process's next write maps a fresh page the pin never sees.
# Fixed in 6.2 (84209e87c696). Reported when the pin lands (P3).
era 5.19
expect violation pin-coherence/P3
p0 mmap r0 1p anon private rw
p0 read r0
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
