# mremap of part of a huge page moves all of it (5.16+): the kernel rounds
# the length up to the huge page size, as a caller that rounded to 4 KiB
# may not know the mapping has 2 MiB pages. The old range is then gone as
# a whole, and a pin taken on its second page follows the page. Checked
# against Linux 6.18.
# Why: §2.14 (hugetlb), mremap's align_hugetlb().
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:2p
p0 gup g0 r0+1p:1p pin write longterm
p0 mremap r0:1p r1
p0 read r1:1p
p0 read r0+1p:1p
g0 read
p0 write r1:1p
g0 read
