# io_uring fixed buffers on file mappings in era 6.2 (6.2 - 6.14; the
# kernel changed in 6.5): after pinning a buffer, io_uring looks at the
# VMAs behind it and refuses any file mapping other than shmem (memfd,
# shared anonymous memory) and hugetlbfs with EOPNOTSUPP, dropping the
# pins again.  34ed8d0dcd69 (6.5) removed that test once GUP itself
# refused long-term write pins of dirty-tracked files (8ac268436e6d).
# What:
# * registering a private tmpfile mapping fails with EOPNOTSUPP, but the
#   write fault of the pin has already given the process its own copy of
#   the file page, which stays (and keeps the content of that moment);
# * registering a shared tmpfile mapping fails with EOPNOTSUPP (in era
#   current GUP refuses it with EFAULT; the private one succeeds there);
# * shared memfd, shared anonymous (shmem), memfd-hugetlb and private
#   anonymous buffers register and stay coherent with the process;
# * nothing of a failed registration stays held: later writes, a fork and
#   the child's writes behave as if it had never been tried.
# Runs clean in era 6.2 and in era current.
era 6.2
file f0 tmpfile 1p
file f1 memfd 1p
file f2 memfd-hugetlb 2m
p0 mmap r0 1p f0 private rw
p0 mmap r1 1p f0 shared rw
p0 mmap r2 1p f1 shared rw
p0 mmap r3 2m f2 shared rw
p0 mmap r4 1p anon shared rw
p0 mmap r5 1p anon private rw
p0 write r1
p0 read r0
p0 iouring g0 r0
p0 iouring g1 r1
p0 iouring g2 r2
p0 iouring g3 r3:1p
p0 iouring g4 r4
p0 iouring g5 r5
p0 write r1
p0 read r0
p0 write r2
p0 write r3:1p
p0 write r4
p0 write r5
g2 read
g3 read
g4 read
g5 read
p0 fork p1
p1 write r0
p1 write r1
p0 read r0
p0 read r1
p0 write r0
p1 read r0
p1 exit
p0 read r0
