# cow.c non-anon "Basic COW" with tmpfile (semantics.md §4.4).
# What: a one-page tmpfile f0 (zero-filled); mem (r0) is a MAP_PRIVATE writable
# mapping of it, smem (r1) a MAP_SHARED read-only mapping. Reading both maps the
# page-cache page in each (§2.1). Writing mem must not change smem.
# Why: a write fault on a R/O PTE of a COW mapping that maps a page-cache page
# copies it to a new exclusive anon page (§2.2, §2.15); the page cache is never
# written through a private mapping (S6). All eras: P.
file f0 tmpfile 1p
p0 mmap r0 1p f0 private rw
p0 mmap r1 1p f0 shared r
p0 read r0
p0 read r1
p0 write r0
p0 read r1
p0 read r0
