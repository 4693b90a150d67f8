# X1/X2/X4 across migration: exclusivity travels in the migration entry.
# What: compaction after fork, with pages exclusive in the parent (written
# after fork), exclusive in the child, still shared by both, read-only
# exclusive (after an unshare), and swapped in exclusive; after each pass
# an exclusive page is mapped once, a writable anon page is exclusive, a
# shared page is read-only in both; writes to exclusive pages reuse them,
# writes to shared pages copy.
# Why: §3.2, §2.25 (writable / readable-exclusive / readable entries,
# PAE restored from the entry kind), §2.4 (fork clears PAE of shared pages).
p0 mmap r0 5p anon private rw
p0 write r0
p0 fork p1
p0 write r0:1p
p1 write r0+1p:1p
p0 gup g0 r0+2p:1p pin
g0 put
p0 write r0+4p:1p
p0 madvise r0+4p:1p pageout
p0 read r0+4p:1p
compact
p0 read r0
p1 read r0
p0 write r0:1p
p1 write r0+1p:1p
p0 write r0+2p:1p
compact
p0 fork p2
compact
p2 write r0
p1 write r0
p0 write r0
compact
p0 read r0
p1 read r0
p2 read r0
