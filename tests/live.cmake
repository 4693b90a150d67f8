# `mmfuzz live` and `mmfuzz diff` on the running kernel (ctest tools/live):
# traces of a few programs (loads, faults, a fork, an io_uring pin), and
# the diff's verdicts and summary line.  Runs as root on Linux only, and
# says "skipped: <why>" otherwise (as where the slot addresses are taken by
# a sanitizer's shadow memory).
#
#   cmake -DMMFUZZ=mmfuzz -DSRC=source-dir -DWORK=scratch-dir -P live.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(expect what)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "${what}\nstdout: ${out}\nstderr: ${err}")
  endif()
endfunction()

if(NOT CMAKE_HOST_SYSTEM_NAME STREQUAL "Linux")
  message(STATUS "skipped: not Linux")
  return()
endif()
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT uid STREQUAL "0")
  message(STATUS "skipped: not root (page structure, ksm and drop-caches need root)")
  return()
endif()

# Loads and stores, their faults, a fork (the COW selftest's first case).
file(WRITE ${WORK}/faults.mm
     "p0 mmap r0 4p anon private rw\n"
     "p0 write r0:2p\n"
     "p0 fork p1\n"
     "p0 write r0\n"
     "p1 read r0\n"
     "p0 read r0\n"
     "p0 mprotect r0+1p:1p r\n"
     "p0 write r0\n"
     "p0 munmap r0+3p\n"
     "p0 read r0\n"
     "p1 memread r0+1p:1p\n"
     "p1 exit\n"
     "p0 read r0:1p\n")
execute_process(COMMAND ${MMFUZZ} live ${WORK}/faults.mm TIMEOUT 60
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(out MATCHES "skipped: ([^\n]*)")
  message(STATUS "skipped: ${CMAKE_MATCH_1}")
  return()
endif()
expect("mmfuzz live: exit ${rc}" rc EQUAL 0)
expect("no trace header" out MATCHES "^trace [^\n]*faults.mm \\(live, Linux [^\n]*\\)\n")
expect("p1 does not see what it inherited (#1 #2, zeros)"
       out MATCHES "\n  5: p1 read r0 -> ok\n    seen #1..#2 =0\\*2\n")
expect("p0 does not see its own writes after the fork"
       out MATCHES "\n  6: p0 read r0 -> ok\n    seen #3..#6\n")
expect("a store into a read-only page is not a SIGSEGV after the first page"
       out MATCHES "\n  8: p0 write r0 -> SIGSEGV\n")
expect("a load past the unmapped page is not a SIGSEGV with 3 pages seen"
       out MATCHES "\n  10: p0 read r0 -> SIGSEGV\n    seen #7 #4..#5\n")
expect("memread does not see p1's copy"
       out MATCHES "\n  11: p1 memread r0\\+1p:1p -> ok\n    seen #2\n")
expect("the trace does not end after the last statement"
       out MATCHES "\n  13: p0 read r0:1p -> ok\n    seen #7\n(    pages [^\n]*\n)?end\n$")
# As root, the pages: private to p0, then shared with p1 after the fork.
expect("the written pages are not p0's alone"
       out MATCHES "\n  2: p0 write r0:2p -> ok\n    pages r0\\+0:a1/1@1 r0\\+1:a1/1@2\n")
expect("after the fork p0 and p1 do not share the same two pages"
       out MATCHES "\n  3: p0 fork p1 -> ok\n    pages r0\\+0:a/2@1 r0\\+1:a/2@2\n")

# A pin held by io_uring shows the owner's later write (no COW away from it).
file(WRITE ${WORK}/pin.mm
     "p0 mmap r0 2p anon private rw\n"
     "p0 write r0\n"
     "p0 iouring g0 r0\n"
     "p0 fork p1\n"
     "p0 write r0\n"
     "g0 read\n"
     "g0 put\n")
execute_process(COMMAND ${MMFUZZ} live ${WORK}/pin.mm TIMEOUT 60
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(out MATCHES "6: g0 read -> (EPERM|EOPNOTSUPP|ENOSYS)")
  message(STATUS "io_uring refused here: its part not checked")
else()
  expect("mmfuzz live pin.mm: exit ${rc}" rc EQUAL 0)
  expect("the io_uring pin does not show p0's write"
         out MATCHES "\n  6: g0 read -> ok\n    seen #3..#4\n")
endif()

# diff: programs that agree, one the table says cannot run live
# (reclaim), a read of never-written anonymous memory (agrees: the
# emulator runs it in this kernel's zeropage setting), one whose
# `config zeropage=on` this kernel cannot honour where it forbids the
# zeropage (skipped), and a pageout (agrees, --pages: the emulator runs
# it in this machine's swap setting).
file(WRITE ${WORK}/reclaim.mm
     "p0 mmap r0 1p anon private rw\n"
     "p0 write r0\n"
     "reclaim\n"
     "p0 read r0\n")
file(WRITE ${WORK}/zeropage.mm
     "p0 mmap r0 1p anon private rw\n"
     "p0 vmsplice g0 r0\n"
     "p0 write r0\n"
     "g0 read\n")
file(WRITE ${WORK}/zeropage-on.mm
     "config zeropage=on\n"
     "p0 mmap r0 1p anon private rw\n"
     "p0 read r0\n")
file(WRITE ${WORK}/pageout.mm
     "p0 mmap r0 2p anon private rw\n"
     "p0 write r0:2p\n"
     "p0 madvise r0 pageout\n"
     "p0 read r0:2p\n")
execute_process(COMMAND ${MMFUZZ} diff --pages --traces ${WORK}/traces ${WORK}/faults.mm
                        ${WORK}/reclaim.mm ${WORK}/zeropage.mm ${WORK}/zeropage-on.mm
                        ${WORK}/pageout.mm TIMEOUT 120
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("diff does not print the probe first" out MATCHES "^probe: Linux ")
expect("diff does not say why reclaim is skipped"
       out MATCHES "reclaim.mm: skipped: line 3 \\(reclaim\\): a system-wide kernel pass")
expect("the read of unwritten anonymous memory diverges"
       NOT out MATCHES "zeropage.mm: diverge")
set(skipped 1)
if(out MATCHES "anonymous read faults map the zeropage: never")
  expect("config zeropage=on is not skipped with its reason"
         out MATCHES "zeropage-on.mm: skipped: config zeropage=on, this kernel never maps the zeropage")
  set(skipped 2)
endif()
math(EXPR agree "5 - ${skipped}")
# pageout agrees too: without swap here, the emulator runs it with
# config swap=off (the probe's setting), with swap on both sides.
expect("diff: exit ${rc}, want 0" rc EQUAL 0)
# The summary line, then the speed of each side over the programs it ran
# (a skipped program ran on neither side).
set(speed "[0-9]+\\.[0-9] programs/s \\(${agree} in [0-9]+\\.[0-9][0-9] s\\)")
expect("the summary and speed lines are wrong or not last"
       out MATCHES "\ndiff: 5 programs, ${agree} agree, 0 diverge, ${skipped} skipped\nspeed: emulator ${speed}, live ${speed}\n$")

# Positive control: a buggy knob or a wrong errno on the emulator's side
# only (--knob) must show up as divergences, and the same programs agree
# without it.  fork_share_pinned: the io_uring pin loses the parent's
# later write; madv_collapse=off: the emulator refuses MADV_COLLAPSE with
# EINVAL where this kernel collapses.
file(WRITE ${WORK}/control-pin.mm
     "p0 mmap r0 1p anon private rw\n"
     "p0 write r0\n"
     "p0 iouring g0 r0\n"
     "p0 fork p1\n"
     "p0 write r0\n"
     "g0 read\n")
file(WRITE ${WORK}/control-errno.mm
     "p0 mmap r0 2m anon private rw\n"
     "p0 write r0\n"
     "p0 madvise r0 collapse\n")
set(controls ${WORK}/control-errno.mm)
set(n 1)
if(NOT out MATCHES "io_uring no")
  list(APPEND controls ${WORK}/control-pin.mm)
  set(n 2)
endif()
execute_process(COMMAND ${MMFUZZ} diff ${controls} TIMEOUT 120
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("the control programs do not agree without the knobs: exit ${rc}" rc EQUAL 0)
execute_process(COMMAND ${MMFUZZ} diff --knob fork_share_pinned=on --knob madv_collapse=off
                        --traces ${WORK}/traces ${controls} TIMEOUT 120
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("diff --knob: exit ${rc}, want 1" rc EQUAL 1)
expect("the wrong errno is not reported"
       out MATCHES "control-errno.mm: diverge at line 3 \\(p0 madvise r0 collapse\\): result: emulator EINVAL, live ok")
if(n EQUAL 2)
  expect("the buggy knob's lost write is not reported"
         out MATCHES "control-pin.mm: diverge at line 6 \\(g0 read\\): seen: ")
endif()
expect("the summary line is wrong"
       out MATCHES "\ndiff: ${n} programs, 0 agree, ${n} diverge, 0 skipped\nspeed: [^\n]*\n$")
file(GLOB kept ${WORK}/traces/*control-errno.mm.*)
list(LENGTH kept k)
expect("--traces did not keep both traces of the diverging program (${kept})" k EQUAL 2)
execute_process(COMMAND ${MMFUZZ} diff --knob no_such_knob=on ${controls}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("diff --knob with an unknown knob: exit ${rc}, want 2" rc EQUAL 2)
