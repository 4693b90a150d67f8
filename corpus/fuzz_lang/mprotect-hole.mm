# mprotect over a range with a hole. Linux (do_mprotect_pkey) changes the
# VMAs one after the other and stops with ENOMEM at the first hole: the
# part before the hole IS read-only afterwards, the part after it is not.
# A store to the first page must now fault (SIGSEGV, not a violation); if
# the emulator left it writable the view oracle sees a store succeed where
# the program made the memory read-only.
p0 mmap r0 3p anon private rw
p0 write r0
p0 munmap r0+1p:1p
p0 mprotect r0 r
p0 write r0:1p
p0 write r0+2p:1p
p0 read r0:1p
p0 read r0+2p:1p
