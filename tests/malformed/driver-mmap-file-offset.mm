# A driver mapping names no file, so it has no file offset.
p0 mmap r0 1p driver+1p shared r
