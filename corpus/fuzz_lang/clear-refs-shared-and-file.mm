# clear-refs on shared and private file mappings.
# What: after clear-refs every present PTE is write-protected, including
# writable shared memfd/tmpfile PTEs; the next stores must fault and succeed
# without copying (shared) and must copy for a private file page; other
# processes and the file see exactly the shared writes.
# Why: §2.24; §2.2 case 1 (shared VMAs reuse the page-cache page), S7, S6.
file f0 memfd 1p
file f1 tmpfile 1p
p0 mmap r0 1p f0 shared rw
p0 mmap r1 1p f1 shared rw
p0 mmap r2 1p f0 private rw
p0 write r0
p0 write r1
p0 read r2
p0 fork p1
p0 clear-refs
p1 clear-refs
p0 write r0
p1 write r1
p0 write r2
p1 read r0
p0 read r1
p1 read r2
p0 read r2
