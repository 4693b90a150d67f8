# cow.c "vmsplice() + unmap in child" (§4.1 T3), CVE-2020-29374.
# What: fork; the child vmsplices the page into a pipe (FOLL_GET, R/O, fast)
# and unmaps it; the parent then writes; the pipe must return the old data.
# Why: after the child's munmap the parent is the only mapper (mapcount 1) but
# the pipe still holds a reference (refcount 2). Since 5.9 (09854ba94c6a) reuse
# needs refcount == 1 and the page is not PAE (cleared at fork), so the parent
# copies and the pipe keeps the old content (P5). Mapcount-based reuse (≤5.7)
# would leak the parent's write into the pipe. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 vmsplice g0 r0
p1 munmap r0
p0 write r0
g0 read
p0 read r0
