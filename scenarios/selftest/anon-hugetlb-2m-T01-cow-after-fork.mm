# cow.c "Basic COW after fork()" with hugetlb (2m) (semantics.md §4.1 T01, §4.2 HTLB).
# What: the parent populates the huge page, forks, then overwrites it while
# the child is alive; the child must still see the old data.
# Why: fork shares the folio write-protected in both (§2.4); the parent's
# write fault sees mapcount 2 and copies the whole huge page (hugetlb_wp,
# §2.14). Pass in every era.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 read r0
p0 write r0
p1 read r0
p0 read r0
