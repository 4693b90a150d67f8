# cow.c T9 with hugetlb in era 5.8: hugetlb goes through the same forced
# write GUP. The R/O long-term pin of a huge page COW-shared with a child
# makes the parent copy it first (hugetlb_cow(), mapcount 2), and the pin
# lands on the parent's copy, which its later write reuses. 5.7 and 5.9 -
# 5.18 lose the write (5.18-hugetlb-ro-pin-shared.mm).
era 5.8
expect ok
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:1p
p0 fork p1
p0 gup g0 r0:1p pin longterm
p0 write r0:1p
g0 read
