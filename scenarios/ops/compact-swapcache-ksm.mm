# compact of swap-cache and KSM folios (semantics §2.25, §2.10, §2.11): a
# page left in the swap cache (a pipe held it while reclaim unmapped it)
# moves with its slot, and swap-in finds the new folio; a folio swapped in
# read-only while another process's entry still uses the slot moves in
# the swap cache too. Pages swapped in read-only by parent and child are
# merged by KSM although they sit in the swap cache (clean read-only
# entries of shared pages are taken as they are); the KSM page moves and
# stays one KSM page mapped by both processes; a later identical page
# joins the moved KSM page.
p0 mmap r0 2p anon private rw
p0 mmap r1 3p anon private rw
p0 madvise r1 mergeable
p0 write r0
p0 write r1 =6
p0 fork p1
p1 vmsplice g0 r0:1p
reclaim
g0 put
compact
p0 read r0:1p
compact
p1 read r0
p0 read r1
p1 read r1
ksm
compact
p0 read r1
p1 read r1
p1 write r1:1p
p0 write r1+2p:1p =6
ksm
compact
p0 read r1
p1 read r1
p0 write r1
p1 write r0
