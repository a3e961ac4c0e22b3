#!/bin/sh
# Entrypoint of the Janus image: writes the operator's secrets, from the
# environment compose passes (JANUS_API_SECRET, JANUS_ADMIN_KEY), into the
# config folder, then runs the command (Janus) in their place. Refuses to
# start without them, or with a value the config files could not hold as is.
# PARLEY_JANUS_CONFIG names the folder (default /etc/parley-janus; the
# deployment spec runs this script on a copy).
set -eu
dir="${PARLEY_JANUS_CONFIG:-/etc/parley-janus}"
for name in JANUS_API_SECRET JANUS_ADMIN_KEY; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "$name is not set: give it a secret of your own (openssl rand -hex 32) in .env" >&2
    exit 1
  fi
  case "$value" in
    *[!A-Za-z0-9._~+/=-]*)
      echo "$name may hold only letters, digits and . _ ~ + / = - (openssl rand -hex 32 makes one)" >&2
      exit 1
      ;;
  esac
done
sed -i "s#^\([[:space:]]*api_secret[[:space:]]*=[[:space:]]*\)\"[^\"]*\"#\1\"${JANUS_API_SECRET}\"#" "$dir/janus.jcfg"
sed -i "s#^\([[:space:]]*admin_key[[:space:]]*=[[:space:]]*\)\"[^\"]*\"#\1\"${JANUS_ADMIN_KEY}\"#" "$dir/janus.plugin.videoroom.jcfg"
grep -q "api_secret = \"${JANUS_API_SECRET}\"" "$dir/janus.jcfg"
grep -q "admin_key = \"${JANUS_ADMIN_KEY}\"" "$dir/janus.plugin.videoroom.jcfg"
unset JANUS_API_SECRET JANUS_ADMIN_KEY
exec "$@"
