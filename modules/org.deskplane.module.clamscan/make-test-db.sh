#!/usr/bin/env bash
# Rebuilds deskplane-test.ndb: one ClamAV extended (body) signature, "Name:TargetType:Offset:HexSignature",
# target type 0 (any file), offset * (anywhere), the hex of the test marker. Done by hand (od), no network and
# no freshclam; `sigtool --hex-dump` gives the same hex. Check it with:
#   printf 'x DESKPLANE-TEST-MALWARE-MARKER-5d1c0e7a x' > /tmp/m && clamscan --no-summary -d db/deskplane-test.ndb /tmp/m
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
marker='DESKPLANE-TEST-MALWARE-MARKER-5d1c0e7a'
echo "Deskplane.Test.Marker-1:0:*:$(printf '%s' "$marker" | od -An -tx1 | tr -d ' \n')" > "$here/db/deskplane-test.ndb"
