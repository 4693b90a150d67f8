# The range runs past the end of the 4-page region (a check error).
p0 mmap r0 4p anon private rw
p0 write r0+2p:4p
