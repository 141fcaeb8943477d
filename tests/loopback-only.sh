#!/bin/sh
# Runs a command inside a network namespace that has only loopback, so no WebRTC packet can leave the machine.
# Needs root (unshare -n). Without root, or with NO_NETNS=1, it runs in the normal namespace and says so.
if [ "$(id -u)" = "0" ] && [ "${NO_NETNS:-0}" != "1" ] && command -v unshare >/dev/null 2>&1; then
  exec unshare -n sh -c 'ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null; exec "$@"' sh "$@"
fi
echo "loopback-only.sh: not root or NO_NETNS=1; running without a private network namespace" >&2
exec "$@"
