# cow.c non-anon "Basic COW" with the shared zeropage (semantics.md §4.4).
# What: mem (r0) is a private writable anonymous mapping, smem (r1) another
# private anonymous mapping, read-only. Reading both maps the shared zeropage
# in each (read fault, §2.1). Writing mem must not change what smem shows.
# Why: the write fault on mem's R/O zeropage PTE allocates a new zero-filled
# exclusive anon page (§2.2 wp_page_copy); the zeropage is never written (S5).
# All eras: P.
p0 mmap r0 1p anon private rw
p0 mmap r1 1p anon private r
p0 read r0
p0 read r1
p0 write r0
p0 read r1
p0 read r0
