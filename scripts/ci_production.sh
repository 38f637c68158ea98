#!/usr/bin/env bash
# Serve lvzhi the way production does — DEBUG off, collected static files, gunicorn via
# `lvzhi serve`, PostgreSQL — load the demo, and crawl every page as each role.
set -euo pipefail
cd "$(dirname "$0")/.."

db=lvzhi_ci_production
data="$(mktemp -d)"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 DATA_DIR="$data"
export SECRET_KEY="ci-$(date +%s)-a-long-random-secret-key-for-the-production-crawl"
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db"

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
.venv/bin/lvzhi migrate --no-input -v 0
.venv/bin/lvzhi demo > /dev/null
.venv/bin/lvzhi serve --bind "127.0.0.1:$port" --workers 3 > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 $server 2>/dev/null || { cat "$data/serve.log"; exit 1; }
    sleep 1
done
.venv/bin/python scripts/prod_crawl.py --base "http://127.0.0.1:$port" --max-pages 120 \
    || { tail -50 "$data/serve.log"; exit 1; }
if grep -q "Traceback" "$data/serve.log"; then
    echo "the server logged an error:"; grep -A 30 "Traceback" "$data/serve.log" | head -80
    exit 1
fi
