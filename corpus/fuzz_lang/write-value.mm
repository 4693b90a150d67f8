# write =V: store an exact value, so several pages hold identical content.
# What: pages written with the same value in different regions and processes
# stay independent (no merging without KSM); =0 writes zeros into a page that
# is not the zeropage; COW still separates identical-looking pages.
# Why: identical content must not make the emulator share pages (only KSM
# merges, §2.11, not run here); a write of zeros allocates a real page (§2.2).
p0 mmap r0 2p anon private rw
p0 mmap r1 2p anon shared rw
p0 write r0 =7
p0 write r1 =7
p0 fork p1
p1 write r0:1p =7
p1 write r0+1p:1p =0
p0 read r0
p1 read r0
p1 write r1 =9
p0 read r1
p0 write r0 =0
p1 read r0
p0 read r0
