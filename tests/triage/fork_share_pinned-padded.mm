# A fork_share_pinned finding buried in unrelated statements, as a fuzzer
# would hand it over (tests/triage.cmake): triage must bucket it as
# "violation pin-coherence/P6 in fork" and shrink it to <= 8 statements.
# Everything fits the fuzz_cow alphabet, so the test also encodes it as a
# fuzz_cow crash file.
p0 mmap r1 4p anon private rw populate
p0 write r1+1p:2p
file f1 memfd 4p
f1 write +1p:2p =7
p0 mmap r2 4p f1 shared rw
p0 read r2
p0 fork p2
p2 write r1+1p:1p
p2 gup g7 r1+1p:2p pin write longterm
p2 vmsplice g5 r1:2p
p0 mmap r0 4p anon private rw
p0 write r0+1p:3p
p0 gup g3 r0+1p:2p pin write longterm fast
p0 read r1
g7 read
p0 fork p1
p2 munmap r1
g5 read
p1 write r0
p0 write r0
g3 read
