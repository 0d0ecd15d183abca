#!/usr/bin/env bash
# One-time machine set-up for convspark: Debian's OpenBLAS, so netlib's native sgemm backs the
# engine. Everything works without it (netlib falls back to its Java kernels), only slower, so a
# failed install warns instead of failing the build.
set -u
if ldconfig -p 2>/dev/null | grep -q 'libblas\.so\.3'; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing libopenblas0 (native BLAS for the engine)"
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0 >/dev/null); then
    echo "setup: WARNING: could not install libopenblas0; the engine will use netlib's Java BLAS" >&2
  fi
else
  echo "setup: no libblas.so.3 and cannot apt-get install libopenblas0; the engine will use netlib's Java BLAS" >&2
fi
exit 0
