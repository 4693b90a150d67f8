# KSM in era 5.7 (semantics §2.2, §2.11): unmerging uses write faults, and
# a write fault reuses a KSM page that only this entry maps and nobody
# else references (reuse_ksm_page, ~5.0 - 5.8, removed by 1a0cf26323c8);
# mapped twice, or held by a pipe, it is copied. Nothing a process sees
# changes.
era 5.7
p0 mmap r0 3p anon private rw
p0 madvise r0 mergeable
p0 write r0 =2
ksm
p0 write r0:1p
p0 read r0
p0 write r0+1p:1p
p0 read r0
p0 write r0 =2
ksm
p0 vmsplice g0 r0+2p:1p
p0 munmap r0:2p
p0 write r0+2p:1p
g0 read
p0 read r0+2p:1p
p0 write r0+2p:1p =2
p0 mmap r1 1p anon private rw
p0 madvise r1 mergeable
p0 write r1 =2
ksm
p0 madvise r1 unmergeable
p0 read r1
p0 write r1
p0 read r0+2p:1p
