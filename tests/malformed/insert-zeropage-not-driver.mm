# insert-zeropage models a driver inserting into its own mapping: r0 is an
# anonymous mapping, so no driver can insert there (a check error, unlike
# the kernel refusing an insertion into a driver mapping, which the run
# reports as the statement's failure).
p0 mmap r0 1p anon shared r
p0 insert-zeropage r0
