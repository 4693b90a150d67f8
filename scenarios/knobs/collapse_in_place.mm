# Buggy knob collapse_in_place=on must be caught (semantics.md §4.3,
# Appendix A): collapse re-maps the PTE-mapped THP the child still maps by
# a PMD and marks it exclusive and writable; the parent's write then
# lands in the child's pages.
knob collapse_in_place=on
expect violation exclusivity
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 fork p1
p0 madvise r0 collapse
p0 write r0:16p
p1 read r0:16p
