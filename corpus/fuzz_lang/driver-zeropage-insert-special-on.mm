# Control for driver-zeropage-insert-special-off.mm: since 6.11 (knob
# zeropage_insert_special=on) the driver may not insert the zeropage into a
# shared mapping with VM_MAYWRITE.
# What: the same program; the insertion fails with EINVAL, the store then
# raises SIGBUS (nothing mapped, no fault handler), and every zero page
# still reads zeros.
# Why: §2.23 (vm_mixed_zeropage_allowed), §3.1 S5.
knob zeropage_insert_special=on
p0 mmap r0 1p anon private rw
p0 read r0
p0 fork p1
p0 mmap r1 1p driver shared rw
p0 insert-zeropage r1
p0 write r1
p0 read r0
p1 read r0
