# A driver inserting the shared zeropage into a shared writable mapping in
# era 6.2 (6.2 - 6.14; the kernel changed in 6.11): vm_insert_page()
# treats the zeropage like any page and maps it with the mapping's
# protection, writable, so the process can write the page every zero read
# of every process shows.  Fixed by fce831c92092 (6.11): refused with
# EINVAL.  Reported when the writable entry appears (S5).
era 6.2
expect violation accounting/S5
p0 mmap r0 1p anon private r
p0 read r0
p0 mmap r1 1p driver shared rw
p0 insert-zeropage r1
p0 write r1
p0 read r0
