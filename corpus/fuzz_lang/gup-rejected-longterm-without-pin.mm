# gup: every combination the kernel rejects: FOLL_LONGTERM without FOLL_PIN.
# What: `get ... longterm` with every other flag mix (8 statements). Each must
# fail with the kernel's error (EINVAL from is_valid_gup_args, §2.16), which is
# printed and is not a violation; nothing stays referenced (all or nothing), so
# afterwards the page is reused in place by the last mapper.
# Why: §2.16 (FOLL_LONGTERM requires FOLL_PIN; program.md §3 "GUP references
# and pins").
p0 mmap r0 1p anon private rw
p0 write r0
p0 gup g0 r0 get longterm
p0 gup g1 r0 get longterm fast
p0 gup g2 r0 get longterm force
p0 gup g3 r0 get longterm force fast
p0 gup g4 r0 get write longterm
p0 gup g5 r0 get write longterm fast
p0 gup g6 r0 get write longterm force
p0 gup g7 r0 get write longterm force fast
p0 fork p1
p1 exit
p0 write r0
p0 read r0
p0 gup g8 r0 pin longterm
p0 write r0
g8 read
