# p1 has exited; its statements are errors in a scenario.
p0 mmap r0 1p anon private rw
p0 fork p1
p1 exit
p1 write r0
