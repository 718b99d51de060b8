#!/usr/bin/env bash
# Installs the independent RDF parsers the interop tests compare our exports with:
# rapper (Debian raptor2-utils), serdi (Debian serdi), rdflib (PyPI) and Apache Jena's
# RIOT (Debian libapache-jena-java, whose jars need a JRE it does not depend on:
# default-jre-headless); and the triple store the push test sends graphs to:
# Virtuoso 7 (Debian virtuoso-opensource-7-bin: virtuoso-t, isql-vt); and the SPARQL
# clients the serve tests use: SPARQLWrapper (PyPI) and curl (Debian); and pySHACL
# (PyPI), the SHACL engine the validate tests compare `officegraph validate` with.
# Idempotent; needs root for apt-get; each step gives up after a bounded time.
set -u
status=0
need_apt=()
command -v rapper >/dev/null 2>&1 || need_apt+=(raptor2-utils)
command -v serdi >/dev/null 2>&1 || need_apt+=(serdi)
if ! command -v riot >/dev/null 2>&1; then
  [ -f /usr/share/java/jena-cmds.jar ] || need_apt+=(libapache-jena-java)
  command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
fi
{ command -v virtuoso-t && command -v isql-vt; } >/dev/null 2>&1 || need_apt+=(virtuoso-opensource-7-bin)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
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
for tool in rapper serdi virtuoso-t; do
  command -v "$tool" >/dev/null 2>&1 && echo "install-checkers: $tool ok"
done
if ! python3 -c 'import SPARQLWrapper' >/dev/null 2>&1; then
  timeout 300 python3 -m pip install -q SPARQLWrapper >/dev/null 2>&1 \
    || { echo "install-checkers: pip install SPARQLWrapper failed"; status=1; }
fi
for tool in curl; do
  command -v "$tool" >/dev/null 2>&1 && echo "install-checkers: $tool ok"
done
python3 -c 'import rdflib; print("install-checkers: rdflib", rdflib.__version__, "ok")' 2>/dev/null
if command -v riot >/dev/null 2>&1 \
  || { command -v java >/dev/null 2>&1 && [ -f /usr/share/java/jena-cmds.jar ]; }; then
  echo "install-checkers: jena riot ok"
fi
python3 -c 'import SPARQLWrapper; print("install-checkers: SPARQLWrapper", SPARQLWrapper.__version__, "ok")' 2>/dev/null
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
