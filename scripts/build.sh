#!/usr/bin/env bash
# `swift build -c release "$@"` in the package, without the one warning that SwiftPM prints for a
# dependency on every build: ZIPFoundation 0.9.20 ships Resources/PrivacyInfo.xcprivacy without
# declaring it (two lines, the warning and the file's path). Everything else is printed as is and
# the exit status is swift build's.
set -uo pipefail
cd "$(dirname "$0")/.."
swift build -c release "$@" 2>&1 | awk '
  /found 1 file\(s\) which are unhandled/ && /zipfoundation/ { skip = 1; next }
  skip && /PrivacyInfo\.xcprivacy/ { skip = 0; next }
  { skip = 0; print }'
exit "${PIPESTATUS[0]}"
