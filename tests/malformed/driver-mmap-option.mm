# A driver mapping takes no option but ro-file (the device opened
# read-only): populate and hugetlb are check errors.
p0 mmap r0 1p driver shared r populate
