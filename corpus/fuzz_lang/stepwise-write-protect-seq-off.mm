# Today's rules without write_protect_seq (57efa1fe5957): GUP-fast pins the
# page through the parent's still-writable entry while fork, having checked
# that it is not pinned, clears its PageAnonExclusive to share it. The pin
# sits on a page that is no longer exclusive (X6), and the parent's next
# write would copy away from it.
knob write_protect_seq=off
expect violation exclusivity/X6
p0 mmap r0 1p anon private rw
p0 write r0
p0 fork p1 @t0
p0 gup g0 r0 pin write longterm fast @t1
t1 finish
t0 finish
p0 write r0
g0 read
