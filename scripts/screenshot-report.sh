#!/usr/bin/env bash
# Renders a report's index.html to a full-page PNG with Debian's headless Chromium, to check a report the
# way a reader sees it (fonts, layout, nothing cut off) without a desktop.
#
#   scripts/screenshot-report.sh <run-folder> [out.png]
#
# Defaults: out.png = <run-folder>/index.png; WIDTH=1100 (CSS pixels, the browser window's width);
# SCALE=1 (device pixels per CSS pixel; 2 gives a sharper image to zoom into).
# Needs chromium-headless-shell (or chromium) and python3; as root the script installs the browser if
# missing, otherwise it says how. The page is opened from disk: no network access is needed or used.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 64
fi
folder=$1
page="$folder/index.html"
out=${2:-$folder/index.png}
width=${WIDTH:-1100}
scale=${SCALE:-1}
if [[ ! -f "$page" ]]; then
  echo "error: $page not found (give a run folder holding index.html)" >&2
  exit 1
fi

find_browser() {
  local name
  for name in chromium-headless-shell chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if ! browser=$(find_browser); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "note: installing chromium-headless-shell (Debian) to render the page" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium-headless-shell >&2; }
    browser=$(find_browser) || { echo "error: chromium-headless-shell did not install" >&2; exit 1; }
  else
    echo "error: no headless Chromium found; install one with: sudo apt-get install chromium-headless-shell" >&2
    exit 1
  fi
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "error: python3 is needed to drive the browser for a full-page capture (sudo apt-get install python3)" >&2
  exit 1
fi

url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
mkdir -p "$(dirname "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# The browser's DevTools protocol over a pipe (fd 3 in, fd 4 out; NUL-terminated JSON): load the page
# at the given width, measure its full height, and capture it all in one image.
python3 - "$browser" "$url" "$out" "$width" "$scale" "$profile" <<'PY'
import base64, json, os, subprocess, sys, time

browser, url, out, width, scale, profile = sys.argv[1:7]
width, scale = int(width), float(scale)
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()

def child_fds():
    # Fresh duplicates first, so moving them onto 3 and 4 cannot clobber the originals.
    a, b = os.dup(to_browser_r), os.dup(from_browser_w)
    os.dup2(a, 3)
    os.dup2(b, 4)

flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
         "--remote-debugging-pipe", "--user-data-dir=" + profile, "--force-color-profile=srgb"]
if os.geteuid() == 0:
    flags.append("--no-sandbox")  # Chromium refuses to run its sandbox as root.
proc = subprocess.Popen([browser] + flags + ["about:blank"], preexec_fn=child_fds, close_fds=False,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_browser_r)
os.close(from_browser_w)
buffer = b""
next_id = 0
deadline = time.time() + 90

def receive():
    global buffer
    while b"\0" not in buffer:
        if time.time() > deadline:
            sys.exit("error: the browser did not answer within 90 s")
        chunk = os.read(from_browser_r, 65536)
        if not chunk:
            sys.exit("error: the browser exited early (is it a working Chromium?)")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)

def call(method, params=None, session=None, wait_event=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_browser_w, json.dumps(message).encode() + b"\0")
    result, seen_event = None, wait_event is None
    while result is None or not seen_event:
        reply = receive()
        if reply.get("id") == next_id:
            if "error" in reply:
                sys.exit("error: %s failed: %s" % (method, reply["error"]))
            result = reply.get("result", {})
        elif wait_event and reply.get("method") == wait_event:
            seen_event = True
    return result

target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
call("Page.enable", session=session)
metrics = {"width": width, "height": 900, "deviceScaleFactor": scale, "mobile": False}
call("Emulation.setDeviceMetricsOverride", metrics, session=session)
call("Page.navigate", {"url": url}, session=session, wait_event="Page.loadEventFired")
size = call("Page.getLayoutMetrics", session=session)["cssContentSize"]
height = int(size["height"] + 0.999)
metrics["height"] = height
call("Emulation.setDeviceMetricsOverride", metrics, session=session)
shot = call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session=session)
with open(out + ".tmp", "wb") as f:
    f.write(base64.b64decode(shot["data"]))
os.replace(out + ".tmp", out)
try:
    call("Browser.close")
except SystemExit:
    pass
proc.wait(timeout=20)
print("%s: %d x %d CSS px at scale %g" % (out, width, height, scale))
PY
