# GUP-fast vs fork on hugetlb, kernels 5.12 - 5.18: write_protect_seq
# (5.11) guarded only the small-page copy; copy_hugetlb_page_range() left
# it alone until 623a1ddfeb23 (5.19). fork decides to share the hugetlb
# folio (not pinned yet: no early copy), GUP-fast pins it through the
# parent's still-writable leaf before fork write-protects it, and the
# parent's next write copies away from the pin.
era 5.18
expect violation pin-coherence/P1
p0 mmap r0 2m anon private rw hugetlb
p0 write r0:1p
# t0 stops after deciding to share the folio.
p0 fork p1 @t0
# GUP-fast reads the leaf (writable) and stops there.
p0 gup g0 r0:1p pin write longterm fast @t1
t1 finish
t0 finish
p0 write r0:1p
g0 read
