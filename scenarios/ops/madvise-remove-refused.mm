# MADV_REMOVE needs a shared mapping that may write the file: a private
# file mapping gets EACCES, a private anonymous one EINVAL, a locked one
# EINVAL; nothing is punched and everything keeps its content.
expect ok
file f0 memfd 2p
p0 mmap r0 2p f0 private rw
p0 mmap r1 2p anon private rw
p0 mmap r2 2p f0 shared rw
p0 write r1
p0 write r2
p0 madvise r0 remove
p0 madvise r1 remove
p0 mlock r2
p0 madvise r2 remove
p0 read r0
p0 read r1
p0 read r2
