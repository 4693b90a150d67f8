# cow.c "Basic COW after fork() with mprotect() optimization" with hugetlb (2m) (semantics.md §4.1 T02, §4.2 HTLB).
# What: as T1, with mprotect(R) + mprotect(RW) in the parent before writing.
# Why: hugetlb_change_protection never makes a private leaf writable (§2.5),
# so the write faults and copies (mapcount 2). Pass in every era.
p0 mmap r0 2m anon private rw hugetlb
p0 write r0
p0 fork p1
p1 read r0
p0 mprotect r0 r
p0 mprotect r0 rw
p0 write r0
p1 read r0
p0 read r0
