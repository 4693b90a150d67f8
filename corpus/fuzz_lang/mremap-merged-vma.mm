# mprotect back to the same protection merges the two VMAs again, so the
# mremap of the whole range moves one VMA (found by fuzz_mm: the oracle
# moved only the first of its segments).
p0 mmap r0 2p anon private rw
p0 write r0
p0 mprotect r0:1p r
p0 mprotect r0 r
p0 mremap r0 r1
p0 read r1
