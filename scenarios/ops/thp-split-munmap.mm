# munmap and MADV_DONTNEED of part of a PMD-mapped THP split the PMD; the
# rest stays mapped with its content.
config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 munmap r0+32p:4p
p0 madvise r0:1p dontneed
p0 read r0:32p
p0 read r0+36p:16p
