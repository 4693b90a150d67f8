# cow.c "R/O-mapping a page registered as iouring fixed buffer" (§4.1 T7).
# What: register the page as an io_uring fixed buffer (FOLL_PIN|WRITE|LONGTERM,
# fast), map it R/O with mprotect, clear soft-dirty (so mprotect(RW) does not
# upgrade the PTE), mprotect(RW), write; the pinned buffer must see the write.
# Why: the page is PAE (fresh anon, pinned while exclusive, X6); the write fault
# on the R/O PTE must reuse it because it is PAE, regardless of the pin's extra
# references (§2.2; "wrong COW" of 5.9–5.18 copied it and lost the pin). P1.
# Era G: P.
p0 mmap r0 1p anon private rw
p0 write r0
p0 iouring g0 r0
p0 mprotect r0 r
p0 clear-refs
p0 mprotect r0 rw
p0 write r0
g0 read
p0 read r0
