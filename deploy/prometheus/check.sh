#!/bin/sh
# Checks the Prometheus material: the configurations (with the rule files they reference), the rule files
# and the rules' unit tests. Needs promtool (it comes with Prometheus). Runs from the repository root
# whatever the current directory; stops at the first error with a non-zero exit status.
#
#   sh deploy/prometheus/check.sh
set -eu

cd "$(dirname "$0")/../.."

if ! command -v promtool >/dev/null 2>&1; then
    echo "promtool not found: install Prometheus (it ships promtool) or put promtool on PATH" >&2
    exit 1
fi

# rule_files in prometheus.yml and in the tests are relative to the file that names them, so the
# checks do not depend on the working directory.
echo "== promtool check config deploy/prometheus/prometheus.yml"
promtool check config deploy/prometheus/prometheus.yml

# The Docker Compose variant (docker-compose.yml): same jobs and rules, targets on the Compose network.
echo "== promtool check config deploy/compose/prometheus.yml"
promtool check config deploy/compose/prometheus.yml

echo "== promtool check rules deploy/prometheus/rules/*.yml"
promtool check rules deploy/prometheus/rules/*.yml

echo "== promtool test rules deploy/prometheus/tests/*.yml"
promtool test rules deploy/prometheus/tests/*.yml

echo "== all Prometheus checks passed"
