# exit of the first process while its children live on.
# What: p0 holds a pipe reference and a R/W pin and has two children sharing
# its pages; p0 exits (its handles are released, its mappings torn down); the
# children keep their inherited data; the first child's write copies (the
# other child still maps the page), the second child is then the last mapper
# and reuses in place; a child's own pin taken before p0's exit stays coherent.
# Why: exit = zap + release of handles (§2.6, §2.19); §2.2 copy vs reuse.
p0 mmap r0 2p anon private rw
p0 write r0
p0 fork p1
p0 vmsplice g0 r0:1p
p0 gup g1 r0+1p:1p pin write longterm
p0 fork p2
p1 gup g2 r0+1p:1p pin longterm
p0 exit
p1 read r0
p2 read r0
p1 write r0
p2 write r0
g2 read
p1 read r0
p2 read r0
