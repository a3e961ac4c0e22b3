#!/bin/sh
# Entrypoint of the Redis image: Redis holds Parley's chat, room settings,
# password hashes and revocations, and (when SESSION_SECRET is unset) the
# session-signing key, so it never runs without a password. REDIS_PASSWORD
# (from .env, through compose) becomes `requirepass` in a config file only
# the redis user can read, not a command-line flag anyone can list.
# PARLEY_REDIS_CONF names that file (default /tmp/parley-redis.conf).
set -eu
if [ -z "${REDIS_PASSWORD:-}" ]; then
  echo "REDIS_PASSWORD is not set: give Redis a password of your own (openssl rand -hex 32) in .env, and the same in REDIS_URL" >&2
  exit 1
fi
case "$REDIS_PASSWORD" in
  *[!A-Za-z0-9._~-]*)
    echo "REDIS_PASSWORD may hold only letters, digits and . _ ~ - (openssl rand -hex 32 makes one; it goes into REDIS_URL as is)" >&2
    exit 1
    ;;
esac
conf="${PARLEY_REDIS_CONF:-/tmp/parley-redis.conf}"
umask 077
printf 'requirepass %s\n' "$REDIS_PASSWORD" > "$conf"
unset REDIS_PASSWORD
exec redis-server "$conf" "$@"
