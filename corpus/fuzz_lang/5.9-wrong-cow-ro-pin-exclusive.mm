# cow.c T13 in era 5.9: a R/O long-term pin of an exclusive page that is
# mapped read-only (after mprotect round trip and clear_refs). The write
# fault copies because the pin holds references: the pin misses the write.
era 5.9
expect violation pin-coherence/P2
p0 mmap r0 1p anon private rw
p0 write r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 gup g0 r0 pin longterm
p0 write r0
g0 read
