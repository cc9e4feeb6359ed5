#!/usr/bin/env bash
# Regenerates the screenshots in this folder: builds this repo's site,
# serves it on loopback and photographs the Azure auth-code guide in
# headless Chromium (apt-get install -y chromium), light and dark, at
# desktop and phone widths.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
go run ./cmd/docgen build --quiet --dest "$out/site"
port=8731
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out/site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$out"' EXIT
sleep 1
page="http://127.0.0.1:$port/v1.9.x/deployment/security/azure/auth-code-flow/"
shot() { # size file extra-flags... (PAGE overrides the page)
  local size=$1 file=$2
  shift 2
  local url=${PAGE:-$page}
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$(mktemp -d -p "$out")" --window-size="$size" "$@" \
    --virtual-time-budget=3000 --screenshot="docs/screenshots/$file" "$url" 2>/dev/null
}
dark=--blink-settings=preferredColorScheme=0
shot 1280,1800 auth-code-flow-desktop-light.png
shot 1280,1800 auth-code-flow-desktop-dark.png "$dark"
shot 390,1400 auth-code-flow-phone-light.png
shot 390,1400 auth-code-flow-phone-dark.png "$dark"

# Live values: filled through a #live: link (what a reader's typing does),
# and an invalid tenant id with its message.
docker="http://127.0.0.1:$port/v1.9.x/deployment/security/azure/docker/"
PAGE="$docker#live:tenantId=0a1b2c3d-1111-4222-8333-444455556666&clientId=5e6f7a8b-2222-4333-9444-555566667777&baseUrl=https://docs-demo.contoso.com" \
  shot 1280,1800 live-values-filled.png
PAGE="$docker#live:tenantId=c11234b7c-b1b2-9854-0mn1-56abh3dea295&baseUrl=http//oops" \
  shot 1280,1100 live-values-invalid.png
