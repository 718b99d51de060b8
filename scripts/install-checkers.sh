#!/usr/bin/env bash
# Installs the independent RDF parsers the interop tests compare our exports with:
# rapper (Debian raptor2-utils), serdi (Debian serdi) and rdflib (PyPI), and pySHACL
# (PyPI), the SHACL engine the validate tests compare `officegraph validate` with.
# Idempotent; needs root for apt-get; each step gives up after a bounded time.
set -u
status=0
need_apt=()
command -v rapper >/dev/null 2>&1 || need_apt+=(raptor2-utils)
command -v serdi >/dev/null 2>&1 || need_apt+=(serdi)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    timeout 300 apt-get update -qq >/dev/null 2>&1 || true
    timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 \
      || { echo "install-checkers: apt-get install ${need_apt[*]} failed"; status=1; }
  else
    echo "install-checkers: ${need_apt[*]} missing and apt-get is not usable here"; status=1
  fi
fi
if ! python3 -c 'import rdflib' >/dev/null 2>&1; then
  timeout 300 python3 -m pip install -q rdflib >/dev/null 2>&1 \
    || { echo "install-checkers: pip install rdflib failed"; status=1; }
fi
if ! python3 -c 'import pyshacl' >/dev/null 2>&1; then
  timeout 300 python3 -m pip install -q pyshacl >/dev/null 2>&1 \
    || { echo "install-checkers: pip install pyshacl failed"; status=1; }
fi
for tool in rapper serdi; do
  command -v "$tool" >/dev/null 2>&1 && echo "install-checkers: $tool ok"
done
python3 -c 'import rdflib; print("install-checkers: rdflib", rdflib.__version__, "ok")' 2>/dev/null
python3 -c 'import pyshacl; print("install-checkers: pyshacl", pyshacl.__version__, "ok")' 2>/dev/null
exit $status
