#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# ClusterFuzzLite's build.sh: the OSS-Fuzz contract (fuzzing-ecosystem.md
# §1.4); the real build is mmfuzz's top-level build.sh.
exec "$SRC/mmfuzz/build.sh"
