#!/usr/bin/env bash
# Install the Debian packages a step needs, and only those that are missing.
#
#   tools/system_packages.sh build   a Python venv, the CJK font (charts; its serif: the PDFs)
#                                    Pango and HarfBuzz-subset (WeasyPrint prints the PDFs)
#                                    (make build, make serve)
#   tools/system_packages.sh test    build's, plus what the tests drive: Chromium (the browser,
#                                    for Lighthouse; its headless shell, for Playwright), Java (the
#                                    HTML checker), Node and npm (Lighthouse), linkchecker,
#                                    and poppler's pdftotext, pdffonts, pdfimages, pdfinfo
#                                    and the Latin serifs the browser tests set English in
#
# Each need is checked on its own: a command on PATH or a file, never "is the Debian
# package installed". A machine whose Node came from elsewhere bundles npm, and asking
# apt for Debian's npm there fails on conflicts, so npm is asked for only when there is
# no npm command. Nothing present is reinstalled; when nothing is missing apt is not run.
# Without root it prints one line naming the missing packages and exits 1.
#
# PYTHON (default python3) is the interpreter the venv is made from; CJK_FONT_FILE is the
# font file that must exist, PANGO_FILE and HB_SUBSET_FILE the Pango and HarfBuzz-subset
# libraries WeasyPrint loads (any machine architecture's), and DEJAVU_SERIF_FILE and
# LIBERATION_SERIF_FILE the Latin serifs the test step needs (tests point them all at
# fakes). The serifs are what English pages fall back to on Linux; Chromium only
# recommends them, so a machine may lack them, and the layout tests measure with each
# (tests/test_browser_reading.py).
set -u

step=${1:-build}
python=${PYTHON:-python3}
font=${CJK_FONT_FILE:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
pango=${PANGO_FILE:-/usr/lib/*/libpangoft2-1.0.so.0}
subset=${HB_SUBSET_FILE:-/usr/lib/*/libharfbuzz-subset.so.0}
dejavu_serif=${DEJAVU_SERIF_FILE:-/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf}
liberation_serif=${LIBERATION_SERIF_FILE:-/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf}
missing=()

need_command() {  # need_command COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}

case "$step" in
  build|test) ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

# build: python3-venv brings ensurepip, without which `python3 -m venv` fails on Debian.
"$python" -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
[ -f "$font" ] || missing+=(fonts-noto-cjk)
compgen -G "$pango" >/dev/null || missing+=(libpangoft2-1.0-0)
# HarfBuzz's subsetter: without it WeasyPrint subsets the CJK fonts with fontTools, slower.
compgen -G "$subset" >/dev/null || missing+=(libharfbuzz-subset0)

if [ "$step" = test ]; then
  need_command chromium chromium
  need_command chromium-headless-shell chromium-headless-shell
  need_command java default-jre-headless
  need_command node nodejs
  need_command npm npm
  need_command linkchecker linkchecker
  need_command pdftotext poppler-utils
  [ -f "$dejavu_serif" ] || missing+=(fonts-dejavu-core)
  [ -f "$liberation_serif" ] || missing+=(fonts-liberation)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing Debian packages for '$step'. Run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for '$step': ${missing[*]}"
apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
