# Shared by scripts/demo and scripts/test: get uv, then the locked environment in .venv.
# Needs only python3 (3.11+) and the package registries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export UV_PYTHON_DOWNLOADS=never   # use the machine's Python, never fetch one
export UV_LINK_MODE=copy

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

uv_cmd() {
  if python3 -m uv --version >/dev/null 2>&1; then
    python3 -m uv "$@"
  elif command -v uv >/dev/null 2>&1; then
    uv "$@"
  else
    return 127
  fi
}

ensure_uv() {
  if uv_cmd --version >/dev/null 2>&1; then return; fi
  say "Installing uv with pip"
  python3 -m pip install --quiet --user uv 2>/dev/null \
    || python3 -m pip install --quiet uv 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages uv
}

ensure_env() {
  ensure_uv
  say "Installing locked dependencies into .venv ($(uv_cmd --version))"
  uv_cmd sync --frozen --python python3 --quiet
  PY="$ROOT/.venv/bin/python"
  export PY
  ensure_pdf_libs
}

# WeasyPrint (review reports as PDF) needs Pango; Debian's Chromium brings it, but not always.
ensure_pdf_libs() {
  if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then return; fi
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    || echo "Pango is missing: PDF review reports will not render" >&2
}

# apt_install PACKAGE... — install Debian packages when we may (root, or sudo without password).
apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "Need root to install: $*" >&2; return 1
    fi
  fi
  say "Installing Debian packages: $*"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
