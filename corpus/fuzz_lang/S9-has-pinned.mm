# S9 MMF_HAS_PINNED: set in every mm that ever pinned, never cleared, not
# inherited by children.
# What: p0 pins and unpins (flag stays set but the page is no longer possibly
# pinned: fork shares it); the child p1 (flag not inherited) pins via GUP-fast
# and forks p2: fork in p1 must consult p1's own flag and copy the pinned page
# for p2; p0 pins again after its fork.
# Why: §1.5, §2.4 (fork consults MMF_HAS_PINNED then the per-page test), P6.
p0 mmap r0 2p anon private rw
p0 write r0
p0 gup g0 r0 pin
g0 put
p0 fork p1
p0 write r0:1p
p1 read r0
p1 gup g1 r0 pin write longterm fast
p1 fork p2
p1 write r0
g1 read
p2 read r0
p0 gup g2 r0 pin longterm
p0 write r0
g2 read
p2 write r0
p1 read r0
g1 read
