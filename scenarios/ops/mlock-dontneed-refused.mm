# MADV_DONTNEED refuses a locked mapping (EINVAL) after discarding the
# mappings before it: the first page reads zero, the locked one keeps
# its content (madvise_dontneed_free_valid_vma).
expect ok
p0 mmap r0 2p anon private rw
p0 write r0 =5
p0 mlock r0+1p:1p
p0 madvise r0 dontneed
p0 read r0
p0 munlock r0
p0 madvise r0 dontneed
p0 read r0
