# Control for knobs/gup_fast_skip_unshare.mm: era current runs clean.
# What: cow.c T10 ("R/O GUP-fast pin on R/O-mapped shared page"): fork and
# keep the child alive; the parent takes a R/O long-term pin with GUP-fast on
# the COW-shared page (R/O PTE, PAE clear, mapcount 2), writes, reads the pin.
# Correct rule (§2.18): GUP-fast evaluates must-unshare (anon, not PAE) and
# falls back to the slow path, which unshares: the pin lands on an exclusive
# copy and the write reuses it.
# Bug (knob gup_fast_skip_unshare): GUP-fast pins the shared, non-PAE page
# directly (X6: a pinned anon page that is not PAE), then the parent's write
# copies away from it (pin-coherence/P2 at g0 read). The first report is the
# structural X6 right after the gup (exclusivity).
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1
p0 gup g0 r0 pin longterm fast
p0 write r0
g0 read
p1 read r0
p0 read r0
