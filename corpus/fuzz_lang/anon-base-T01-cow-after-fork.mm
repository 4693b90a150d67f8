# cow.c "Basic COW after fork()" with a base page (semantics.md §4.1 T1).
# What: the parent populates a private anonymous page, forks, then overwrites
# the page while the child is alive; the child must still see the old data.
# Why: after fork the page is COW-shared (PageAnonExclusive cleared, both PTEs
# write-protected, §2.4); the parent's write fault must copy, not reuse,
# because the page is not PAE and refcount is 2 (§2.2 do_wp_page). Era G: P.
# Oracle: p1's read is checked by the view oracle (I1): inherited content.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p1 read r0
p0 write r0
p1 read r0
p0 read r0
