#!/usr/bin/env bash
# One-time machine set-up for convspark (Debian, as root; elsewhere it only warns):
# - libopenblas0, so netlib's native sgemm backs the engine. Everything works without it (netlib
#   falls back to its Java kernels), only slower.
# - with --tests: chromium too, which the report.html rendering test drives headless (that test
#   is skipped, saying so, where chromium cannot be had).
# A failed install warns instead of failing: nothing here is needed for correctness.
set -u
packages=()
ldconfig -p 2>/dev/null | grep -q 'libblas\.so\.3' || packages+=(libopenblas0)
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
