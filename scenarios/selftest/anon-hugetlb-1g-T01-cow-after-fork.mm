# cow.c "Basic COW after fork()" with hugetlb (1g) (semantics.md §4.1 T01, §4.2 HTLB).
# What: the parent populates the huge page, forks, then overwrites it while
# the child is alive; the child must still see the old data.
# Why: fork shares the folio write-protected in both (§2.4); the parent's
# write fault sees mapcount 2 and copies the whole huge page (hugetlb_wp,
# §2.14). Pass in every era.
# Size: the first 64 KiB of the 1 GiB page are written, spliced and
# pinned (what cow.c's vmsplice transfers); the rest stays untouched.
p0 mmap r0 1g anon private rw hugetlb-1g
p0 write r0:16p
p0 fork p1
p1 read r0:16p
p0 write r0:16p
p1 read r0:16p
p0 read r0:16p
