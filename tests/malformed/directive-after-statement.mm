# Directives only come before the first statement.
p0 mmap r0 1p anon private rw
era 5.7
