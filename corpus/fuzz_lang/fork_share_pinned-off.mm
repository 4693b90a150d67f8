# Control for knobs/fork_share_pinned.mm: the same program with the correct
# fork rule (era current) must run clean.
# What: a written private anon page is pinned R/W long-term (PAE, refcount
# >= 1024), the process forks (child alive), the parent writes, and the pin is
# read.
# Correct rule (70e806e4e645, §2.4, P6): fork sees MMF_HAS_PINNED and a possibly
# pinned PAE page and gives the child its own copy; the parent keeps the pinned
# page mapped writable, writes in place, and the pin sees the write (P1).
# Bug (knob fork_share_pinned): fork shares the pinned page (clears PAE on a
# pinned page -> X6; COW-shares a pinned page -> P6); the parent's write then
# sees a non-PAE page with refcount > 1 and copies, so the pin no longer shows
# what the parent sees (pin-coherence/P1 at g0 read). The first report is the
# structural one right after fork: P6 (pin-coherence) or X6 (exclusivity),
# whichever the checker tests first (the emulator checks P6 first).
p0 mmap r0 1p anon private rw
p0 write r0
p0 gup g0 r0 pin write longterm
p0 fork p1
p0 write r0
g0 read
p1 read r0
p0 read r0
