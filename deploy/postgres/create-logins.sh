#!/usr/bin/env bash
# Runs once, when the postgres container first initialises its data (mounted into /docker-entrypoint-initdb.d):
# each app's NOLOGIN group role, made here when the migrations have not made it yet, and a LOGIN member of it,
# <role>_login, with the password LARKSYNC_APP_DB_PASSWORD. The migrate service then grants each group its tables
# and views (libs/persistence/src/app-roles), and each app connects as its login (docker-compose.yml).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="${LARKSYNC_APP_DB_PASSWORD:?set LARKSYNC_APP_DB_PASSWORD}" <<'SQL'
SELECT format('CREATE ROLE %I NOLOGIN', name)
  FROM unnest(ARRAY['larksync_gateway', 'larksync_directory', 'larksync_scheduler', 'larksync_projector']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', name || '_login', :'password', name)
  FROM unnest(ARRAY['larksync_gateway', 'larksync_directory', 'larksync_scheduler', 'larksync_projector']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name || '_login') \gexec
SQL
