# GUP-fast vs fork, kernels 5.9 - 5.10 (and every era before): fork
# decides to share the page (it is not pinned yet) and, before it
# write-protects the parent's entry, GUP-fast pins the page through the
# still-writable entry; its re-check of the entry passes. fork then
# COW-shares a pinned page, and the parent's next write copies away from
# the pin. Fixed in 5.11 by write_protect_seq (57efa1fe5957): a pin taken
# while fork copies falls back to the slow path, which waits for fork's
# mmap lock and takes the pin after the COW fault.
era 5.9
expect violation pin-coherence/P1
p0 mmap r0 1p anon private rw
p0 write r0
# t0 stops after deciding to share the page.
p0 fork p1 @t0
# GUP-fast reads the entry (writable) and stops there.
p0 gup g0 r0 pin write longterm fast @t1
# ... takes its pin, finds the entry unchanged: done.
t1 finish
t0 finish
p0 write r0
g0 read
