# syntax=docker/dockerfile:1
# The production image: one image for the web server, the worker and the migrations job (compose.yaml).
# Built from the standalone output (`npm run build`, scripts/build-standalone.mjs): the server, the bundled
# commands and only the node_modules they load at run time — sharp's and argon2's native parts included.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency, for the build (exactly the lockfile's).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The build: `next build` plus the standalone step.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# 3. What runs: Node, qpdf (PDF attachments are rewritten with it) and the standalone folder.
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends qpdf \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
# The code belongs to root and cannot be changed by the process; it writes only to DATA_DIR (local
# attachments, when UPLOADTHING_TOKEN is unset) and to Next's cache.
RUN groupadd --system --gid 10001 ouvidoria \
  && useradd --system --uid 10001 --gid ouvidoria --home-dir /nonexistent --shell /usr/sbin/nologin ouvidoria \
  && mkdir -p /data /app/.next/cache \
  && chown ouvidoria:ouvidoria /data /app/.next/cache
COPY --from=build /app/.next/standalone ./
USER ouvidoria:ouvidoria
EXPOSE 3000
VOLUME ["/data"]
# Liveness only (the process answers); /api/health/ready also checks the database, the migrations and the
# worker's heartbeat, for a load balancer or an orchestrator's readiness probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The worker: `node scripts/worker.mjs`; migrations and reference data: `node scripts/migrate.mjs`,
# `node scripts/seed.mjs`; first administrator: `node scripts/admin-create.mjs --email … --name …`.
CMD ["node", "server.js"]
