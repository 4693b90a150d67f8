# 2^64 does not fit.
p0 mmap r0 1p anon private rw
p0 write r0 =18446744073709551616
