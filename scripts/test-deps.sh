#!/usr/bin/env bash
# Makes sure what a test suite needs is installed:
#   nginx    the real nginx that the parity suite compares the engine with
#   browser  Debian's Chromium and a Korean font, for the Playwright e2e suite
#   tools    HAProxy, keepalived and tshark, whose own checks the exported configs and pcaps
#            pass; nftables, tcpdump, python3 and conntrackd for the real lab
# As root, installs what is missing with apt-get; otherwise prints the command and fails.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 nginx|browser|tools..." >&2
  exit 2
fi

missing=()
for what in "$@"; do
  case "$what" in
    nginx)
      command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
      # The exported L4 config is a stream{} block: Debian ships that module apart.
      [ -e /usr/lib/nginx/modules/ngx_stream_module.so ] || missing+=(libnginx-mod-stream)
      ;;
    browser)
      [ -x /usr/bin/chromium ] || missing+=(chromium)
      [ -d /usr/share/fonts/truetype/nanum ] || fc-list 2>/dev/null | grep -qi nanum || missing+=(fonts-nanum)
      ;;
    tools)
      command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
      command -v keepalived >/dev/null 2>&1 || [ -x /usr/sbin/keepalived ] || missing+=(keepalived)
      command -v tshark >/dev/null 2>&1 || missing+=(tshark)
      command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || missing+=(nftables)
      command -v tcpdump >/dev/null 2>&1 || [ -x /usr/bin/tcpdump ] || missing+=(tcpdump)
      # The real lab's IP-in-IP tunnel ends (scripts/reallab/tunnel.ts): this kernel has no ipip.
      [ -x /usr/bin/python3 ] || command -v python3 >/dev/null 2>&1 || missing+=(python3)
      # Connection sync between the real lab's two balancers (pairNetwork.ts): no IPVS here.
      command -v conntrackd >/dev/null 2>&1 || [ -x /usr/sbin/conntrackd ] || missing+=(conntrackd)
      ;;
    *)
      echo "$0: unknown dependency '$what' (expected nginx, browser or tools)" >&2
      exit 2
      ;;
  esac
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing: ${missing[*]}. Install with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}" >&2
# Refresh the package lists only when apt does not know a package yet.
for pkg in "${missing[@]}"; do
  if ! apt-cache show "$pkg" >/dev/null 2>&1; then
    apt-get update -qq
    break
  fi
done
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
