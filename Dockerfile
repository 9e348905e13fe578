# thidua: the JSON API and the HTMX pages, served by several uvicorn workers.
# The container migrates the database (thidua db upgrade) before it serves; with
# DEMO_MODE=true it also loads the Bến Tre 2022 demo year into an empty database.
# See docker-compose.yml and docs/deployment.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/srv/thidua \
    WEB_CONCURRENCY=4
# PYTHONPATH: the `thidua` CLI reads alembic.ini from the directory above the `app` package
# (PROJECT_ROOT in app/core/config.py), so `app` is imported from /srv/thidua, where
# alembic.ini and alembic/ are, rather than from site-packages.

RUN groupadd --system --gid 10001 thidua \
    && useradd --system --uid 10001 --gid thidua --home-dir /srv/thidua --no-create-home \
        --shell /usr/sbin/nologin thidua

WORKDIR /srv/thidua

COPY pyproject.toml README.md alembic.ini ./
COPY alembic ./alembic
COPY app ./app
# Installs the dependencies and the `thidua` command. At run time `app` comes from
# /srv/thidua/app (PYTHONPATH), templates, static files and locales included. var/ is used
# only when DATABASE_URL is left at its SQLite default.
RUN pip install . \
    && mkdir -p var \
    && chown thidua:thidua var

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4).status == 200 else 1)"]

# Start-up: refuse a missing SECRET_KEY (unless DEMO_MODE), migrate, load the demo year into an
# empty database in demo mode, then serve. A CMD rather than an ENTRYPOINT, so that
# `docker compose run --rm app thidua …` runs just that command; `exec` hands PID 1 to the
# server, which then receives SIGTERM. (Shell form is ["/bin/sh", "-c", …], readable here.)
# hadolint ignore=DL3025
CMD set -e; \
    case "$(printf '%s' "${DEMO_MODE:-false}" | tr '[:upper:]' '[:lower:]')" in \
        true|1|yes|on|t|y) demo=yes ;; \
        *) demo=no ;; \
    esac; \
    [ -n "${SECRET_KEY:-}" ] || unset SECRET_KEY; \
    if [ "$demo" = no ] && [ "${#SECRET_KEY}" -lt 32 ]; then \
        echo "thidua: SECRET_KEY must be a random string of at least 32 characters (e.g. openssl rand -hex 32); or run the demo with DEMO_MODE=true" >&2; \
        exit 1; \
    fi; \
    thidua db upgrade; \
    if [ "$demo" = yes ]; then thidua demo --if-empty; fi; \
    exec thidua serve --host 0.0.0.0 --port 8000 --workers "${WEB_CONCURRENCY:-4}"
