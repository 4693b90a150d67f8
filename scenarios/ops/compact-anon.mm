# compact (semantics §2.25): every movable anon page moves to a new page.
# Entries come back as they were: a writable exclusive page writable and
# exclusive (writable migration entry), a read-only exclusive one
# read-only and exclusive (readable-exclusive entry, so the next write
# reuses it without a copy), a page shared after fork read-only and shared
# (readable entry) in both processes. Zeropage entries stay. Nothing a
# process sees changes; the structural checks (X1, X2, X4) run after each
# statement.
p0 mmap r0 4p anon private rw
p0 mmap r1 1p anon private r
p0 write r0:2p
p0 read r0+2p:1p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
compact
p0 read r0
p0 write r0:2p
p0 read r1
p0 fork p1
p0 write r0+3p:1p
compact
p0 read r0
p1 read r0
p0 write r0:1p
p1 write r0+1p:1p
compact
p0 read r0
p1 read r0
p1 write r0
p0 write r0
compact
p0 read r0
p1 read r0
