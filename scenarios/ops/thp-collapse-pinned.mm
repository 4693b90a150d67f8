# A pinned page makes MADV_COLLAPSE fail with EAGAIN (the collapse would
# leave the pin behind); the pin stays coherent.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 gup g0 r0+5p:1p pin write longterm
p0 madvise r0 collapse
p0 write r0+5p:1p
g0 read
