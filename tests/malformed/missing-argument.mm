# mmap without PROT.
p0 mmap r0 1p anon private
