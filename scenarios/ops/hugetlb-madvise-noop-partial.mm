# A fork-behaviour advice on part of a huge page that changes nothing
# succeeds (found by mmfuzz diff --random): the kernel leaves a VMA whose
# flags stay the same alone (madvise_update_vma() returns early), so it
# never tries to split the hugetlb VMA inside a huge page. One that would
# change the flags of part of a huge page is EINVAL. Checked on Linux 6.18.
# The oracle too must leave the mapping whole, or DONTNEED of all of it
# keeps the first huge page (a fuzz_mm finding after the fix).
# Why: §2.14 (hugetlb VMAs split only at huge page boundaries).
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:1p
p0 madvise r0:1p dofork
p0 madvise r0 dontfork
p0 madvise r0:1p dontfork
p0 madvise r0:1p dofork
p0 fork p1
p1 read r0:1p
p0 read r0:1p
# The no-op advice left the mapping whole: DONTNEED discards all of it.
p0 madvise r0 dontneed
p0 read r0:1p
