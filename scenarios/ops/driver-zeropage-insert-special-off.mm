# The driver zeropage bug before 6.11 (knob zeropage_insert_special=off):
# the zeropage inserted into a shared writable driver mapping is writable.
# What: p0 reads an anonymous page (the shared zeropage, read-only) and maps
# a character device shared and writable; its driver inserts the zeropage.
# Before fce831c92092 the entry is a normal one with the mapping's
# protection (shared writable, no write-notify: writable), so the insertion
# already breaks S5; the store that follows would write the global zeropage,
# and every zero page of every process (p0's r0, the child's) would read it.
# Correct rule (knob on, driver-zeropage-insert-special-on.mm): EINVAL.
# Why: §2.23 (before 6.11), §3.1 S5; with only the view oracle the store is
# reported (isolation/I1, tests/test_oracle.c).
knob zeropage_insert_special=off
expect violation accounting/S5
p0 mmap r0 1p anon private rw
p0 read r0
p0 fork p1
p0 mmap r1 1p driver shared rw
p0 insert-zeropage r1
p0 write r1
p0 read r0
p1 read r0
