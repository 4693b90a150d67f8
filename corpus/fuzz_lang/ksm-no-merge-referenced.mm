# KSM and GUP (semantics §2.11, §3.3 P7): write_protect_page refuses a
# page that anybody but its mappings references. A pinned page (io_uring,
# a write pin, a R/O long-term pin) and a page held by a pipe (vmsplice of
# an exclusive page) are never merged, so the device keeps writing what
# the process sees and the process keeps writing what the device sees.
# An identical page met later in the same scan becomes a KSM page for a
# moment and is broken back (unshare fault: a read-only exclusive copy),
# since the referenced page it should share with refuses. Once the
# references are gone, the next scans merge.
p0 mmap r0 6p anon private rw
p0 madvise r0 mergeable
p0 write r0 =4
p0 iouring g0 r0:1p
p0 gup g1 r0+1p:1p pin write longterm
p0 gup g2 r0+2p:1p pin longterm
p0 vmsplice g3 r0+3p:1p
ksm
g0 write
g1 write
p0 read r0
p0 write r0:3p
g0 read
g1 read
g2 read
g3 read
p0 read r0
g0 put
g1 put
g2 put
g3 put
ksm
p0 write r0+3p:1p =4
ksm
p0 read r0
