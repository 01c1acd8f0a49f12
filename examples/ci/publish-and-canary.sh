#!/usr/bin/env bash
# A pipeline step that releases a config change safely with the switchboard CLI:
#   1. show what would change against what the server has,
#   2. publish the current release for everyone (only if nobody changed it since we read it),
#   3. send the next release to the instances labelled "canary" first,
#   4. print the canary's rollout as JSON for the pipeline's log.
# Promote or abort later with `switchboard canary promote|abort <group> <dataId>`.
#
# Environment: SWITCHBOARD_URL and SWITCHBOARD_TOKEN (an access token of a service account),
# SWITCHBOARD_NAMESPACE (default public); GROUP (default DEFAULT_GROUP), DATA_ID (default
# greeter.json), RELEASE and NEXT_RELEASE (files; defaults: the two files beside this script).
# Run from the repository (npx finds the CLI there) or with switchboard on the PATH.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
group="${GROUP:-DEFAULT_GROUP}"
data_id="${DATA_ID:-greeter.json}"
release="${RELEASE:-$here/greeter.json}"
next_release="${NEXT_RELEASE:-$here/greeter-next.json}"
: "${SWITCHBOARD_URL:?set SWITCHBOARD_URL}"
: "${SWITCHBOARD_TOKEN:?set SWITCHBOARD_TOKEN}"

if command -v switchboard >/dev/null; then sb() { switchboard "$@"; }; else sb() { npx --no-install switchboard "$@"; }; fi

# 1. The diff (exit 1 means "differs", which is what a release expects; 0: nothing to publish).
if sb config diff "$group" "$data_id" "$release"; then
  echo "$data_id: the server already has this release"
else
  # 2. Publish with the version we compared against: a change made meanwhile is refused (exit 1).
  version="$(sb config get "$group" "$data_id" -o json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s?JSON.parse(s).version:0))')" || version=0
  sb config put "$group" "$data_id" "$release" --type json --expected-version "$version" -o json >/dev/null
  echo "$data_id: published the release (over version $version)"
fi

# 3. The next release to the canary instances first.
sb canary start "$group" "$data_id" "$next_release" --type json --labels canary -o json >/dev/null
echo "$data_id: canary started for the instances labelled canary"

# 4. Its rollout, for the log.
sb canary status "$group" "$data_id" -o json
