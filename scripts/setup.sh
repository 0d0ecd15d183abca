#!/usr/bin/env bash
# One-time machine set-up for convspark (Debian, as root; elsewhere it only warns):
# - libopenblas0, so netlib's native sgemm backs the engine (OpenBLAS, not the reference BLAS).
#   Everything works without it (netlib falls back to its Java kernels or the reference BLAS),
#   only slower.
# - with --tests: chromium too, which the report.html rendering test drives headless (that test
#   is skipped, saying so, where chromium cannot be had).
# A failed install warns instead of failing: nothing here is needed for correctness.
set -u
packages=()
# A tuned BLAS, not merely libblas.so.3: python3-numpy and python3-torch bring Debian's reference
# libblas3 (unoptimized Fortran), which netlib would load. On Debian, libopenblas0 then takes over
# the libblas.so.3 alternative (priority 100 against the reference's 10).
ldconfig -p 2>/dev/null | grep -Eq 'lib(openblas|blis|tatlas|satlas|mkl_rt)[^ ]*\.so' || packages+=(libopenblas0)
if [ "${1:-}" = --tests ] && ! command -v chromium >/dev/null 2>&1; then
  packages+=(chromium)
fi
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${packages[*]}"
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null); then
    echo "setup: WARNING: could not install ${packages[*]}; see the comments in scripts/setup.sh for what that costs" >&2
  fi
else
  echo "setup: cannot apt-get install ${packages[*]} here; see the comments in scripts/setup.sh for what that costs" >&2
fi
exit 0
