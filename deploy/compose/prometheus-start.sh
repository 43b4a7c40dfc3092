#!/bin/sh
# Starts Prometheus in docker-compose.yml with the lab's OAuth2 client filled into a copy of
# deploy/compose/prometheus.yml: Prometheus expands no environment variables in its configuration, and the
# identity provider's token endpoint and the client id differ from lab to lab. The client secret is not
# copied: Prometheus reads it from the Compose secret (client_secret_file) on every token request.
#
#   NTRK_OAUTH2_TOKEN_URL       the identity provider's token endpoint
#   NTRK_PROMETHEUS_CLIENT_ID   the client id Prometheus signs in as (client-credentials grant)
#
# Arguments are passed on to Prometheus.
set -eu

: "${NTRK_OAUTH2_TOKEN_URL:?set NTRK_OAUTH2_TOKEN_URL to the identity provider token endpoint}"
: "${NTRK_PROMETHEUS_CLIENT_ID:?set NTRK_PROMETHEUS_CLIENT_ID to the Prometheus OAuth2 client id}"

source=/etc/ntrk-deploy/compose/prometheus.yml
target=/tmp/ntrk-prometheus/prometheus.yml

# A value as a YAML double-quoted string, as the replacement of a sed s||| command (where backslash, the
# delimiter and & would otherwise mean something).
literal() {
    printf '"%s"' "$(printf '%s' "$1" | sed -e 's/[\\"]/\\&/g')" | sed -e 's/[\\|&]/\\&/g'
}

mkdir -p "$(dirname "$target")"
sed -e "s|^\([[:space:]]*token_url:\).*|\1 $(literal "$NTRK_OAUTH2_TOKEN_URL")|" \
    -e "s|^\([[:space:]]*client_id:\).*|\1 $(literal "$NTRK_PROMETHEUS_CLIENT_ID")|" \
    -e "s|^\([[:space:]]*-[[:space:]]*\)\.\./prometheus/rules/|\1/etc/ntrk-deploy/prometheus/rules/|" \
    "$source" > "$target"

exec /bin/prometheus --config.file="$target" "$@"
