# Era 5.18 (4.9 - 5.18): a R/O pin of a KSM page takes the KSM page as it
# is (no unsharing before 5.19, c89357e27f20 / a7f226604170); the
# process's next write copies the KSM page, as it always does, and the pin
# keeps the old content: pin lost. From 5.19 the pin unshares the KSM page
# first and lands on a private exclusive copy that the write reuses.
era 5.18
expect violation pin-coherence/P2
p0 mmap r0 2p anon private rw
p0 madvise r0 mergeable
p0 write r0 =5
ksm
p0 gup g0 r0:1p pin longterm
p0 write r0:1p
g0 read
