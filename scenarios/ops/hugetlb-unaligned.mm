# hugetlb VMAs split only at huge page boundaries (hugetlb_vm_op_split):
# munmap, mprotect and madvise of part of a huge page fail with EINVAL and
# change nothing: the loads and stores below must still work (a wrong
# unmap would make them fault where the program may access). MADV_FREE,
# MADV_PAGEOUT and MADV_WIPEONFORK refuse hugetlb; MADV_DONTNEED of whole
# huge pages discards them (5.18+).
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:2p
p0 munmap r0+4k:4k
p0 mprotect r0:4k r
p0 madvise r0:64p dontneed
p0 madvise r0 free
p0 madvise r0 pageout
p0 madvise r0 wipeonfork
p0 madvise r0+1p:64p dontfork
p0 write r0:2p
p0 read r0:2p
p0 madvise r0 dontneed
p0 read r0:2p
reclaim
p0 read r0:2p
