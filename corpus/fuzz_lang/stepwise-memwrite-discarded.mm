# A write through /proc/self/mem stops after GUP took the page. Meanwhile
# the process discards that page (MADV_DONTNEED needs the mmap lock only
# for reading, as the stopped GUP holds it) and writes a new one. The copy
# then lands on the page GUP took, which nobody maps any more: the process
# never sees the value, as with the kernel's access_remote_vm(), which
# copies into the page it holds. The oracle follows the page taken.
expect ok
p0 mmap r0 1p anon private rw
p0 write r0 =1
p0 memwrite r0 @t0
p0 madvise r0 dontneed
p0 write r0 =5
t0 finish
p0 read r0
