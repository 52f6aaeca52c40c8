#!/usr/bin/env bash
# Builds, with podman and Debian's packages only (no container registry needed), the two base
# images that the Modelport Dockerfiles build on where no public registry is reachable:
#   localhost/debian-base:bookworm  a debootstrap minbase root filesystem (about 1 minute)
#   localhost/modelport-jre:17      OpenJDK 17 JRE, curl and user 1001 on it (about 30 s)
# Each image is built only when missing. Needs root, podman, debootstrap and runc
# (.ci/run installs them). Usage: docker/podman/base-images.sh
set -euo pipefail

DEBIAN_IMAGE=${MODELPORT_DEBIAN_IMAGE:-localhost/debian-base:bookworm}
JRE_IMAGE=${MODELPORT_JRE_IMAGE:-localhost/modelport-jre:17}
SUITE=${MODELPORT_DEBIAN_SUITE:-bookworm}
here=$(cd "$(dirname "$0")" && pwd)

podman_() { podman --runtime runc "$@"; }
has_image() { podman image exists "$1"; }

if has_image "$DEBIAN_IMAGE"; then
  echo "base image $DEBIAN_IMAGE is present"
else
  echo "building $DEBIAN_IMAGE with debootstrap ($SUITE, minbase)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  debootstrap --variant=minbase "$SUITE" "$work/rootfs" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$work/rootfs" -c . | podman import - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$work"
  trap - EXIT
fi

if has_image "$JRE_IMAGE"; then
  echo "JRE image $JRE_IMAGE is present"
else
  echo "building $JRE_IMAGE on $DEBIAN_IMAGE"
  log=$(mktemp)
  podman_ build --network host --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    -f "$here/jre.Containerfile" -t "$JRE_IMAGE" "$here" >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; rm -f "$log"; exit 1; }
  rm -f "$log"
fi
