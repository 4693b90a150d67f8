# memwrite on a read-only private anonymous page that maps the zeropage.
# What: the memwrite must copy from the zeropage into a private page; another
# region mapping the zeropage still reads zeros.
# Why: FOLL_FORCE write fault on the zeropage copies (§2.2, §2.17); the zeropage
# is never written (S5, F4).
p0 mmap r0 1p anon private r
p0 mmap r1 1p anon private r
p0 read r0
p0 read r1
p0 memwrite r0
p0 read r0
p0 read r1
