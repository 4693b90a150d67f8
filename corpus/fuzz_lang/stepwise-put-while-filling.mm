# gN put, and another GUP into gN, while the GUP that takes gN is stopped
# half-way: the handle is not there yet, so the put fails (EINVAL), the
# other GUP fails (EINVAL: the handle is taken), and the first GUP,
# finished later, holds its pages as if nothing had happened.
expect ok
p0 mmap r0 2p anon private rw
p0 write r0
p0 gup g4 r0 pin @t2
g4 put
p0 gup g4 r0 get
t2 finish
g4 read
p0 write r0
g4 read
