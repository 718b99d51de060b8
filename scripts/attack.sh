#!/usr/bin/env bash
# Soak and attack suite for `officegraph serve` (issue 14): a wrapper around
# scripts/attack.py, which does the work (Python 3.11, standard library only).
#
#   bash scripts/attack.sh [BINARY] [--quick] [--out FILE] [--only LIST] ...
#
# BINARY defaults to target/release/officegraph (built with `cargo build --release`
# if it is missing). `bash scripts/attack.sh --quick` is the ~1 minute smoke run;
# without --quick the full run takes up to 10 minutes. The Markdown report goes to
# stdout (and to --out FILE); progress goes to stderr. Exit 0 even when targets are
# missed; non-zero only when the script itself failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
command_line="bash scripts/attack.sh $*"

binary="$repo/target/release/officegraph"
if [[ $# -gt 0 && "$1" != -* ]]; then
    binary="$1"
    shift
fi

if [[ ! -x "$binary" ]]; then
    if [[ "$binary" == "$repo/target/release/officegraph" ]]; then
        echo "attack.sh: no $binary; building it (cargo build --release)" >&2
        (cd "$repo" && cargo build --release)
    else
        echo "attack.sh: no executable at $binary" >&2
        exit 2
    fi
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "attack.sh: $python is older than Python 3.11" >&2
    exit 2
fi

ATTACK_SH_COMMAND="$command_line" exec "$python" "$here/attack.py" --binary "$binary" "$@"
