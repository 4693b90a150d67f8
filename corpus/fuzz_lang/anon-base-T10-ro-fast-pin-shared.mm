# cow.c "R/O GUP-fast pin on R/O-mapped shared page" (§4.1 T10).
# What: as T9 with GUP-fast.
# Why: GUP-fast evaluates must-unshare without a VMA (anon, not PAE) and falls
# back to the slow path, which unshares (§2.18). Skipping that test pins the
# shared page, and the parent's write then copies away from it (knob
# gup_fast_skip_unshare). P2. Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p1 read r0
p0 read r0
