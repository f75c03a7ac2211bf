# syntax=docker/dockerfile:1
#
# Every app of the mesh from one multi-stage build; one final target per app:
#
#   docker build --target gateway -t cruddur/gateway .
#   (gateway, home-activities, notifications, inspector, frontend; docker compose builds them all)
#
# build                    npm ci + the Nx build of every app and library
# production-dependencies  npm ci --omit=dev: the runtime's node_modules, nothing from devDependencies
# runtime                  node:24-bookworm-slim as the non-root `node` user, the libraries' dist,
#                          the X-Ray sampling rule and the health check; each app adds its dist
#
# CMD is the exec form `node dist/apps/<app>/main.js`, so node is PID 1 and SIGTERM (docker stop,
# compose down) reaches it directly: the services' handlers close the app and flush spans, logs,
# X-Ray segments and Rollbar items before exiting 0. No npm or shell wrapper sits in between
# (npm would not pass the signal on). The apps start no child processes, so nothing needs reaping.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
# The manifests first, so the dependency layer is rebuilt only when they change. npm ci needs
# every workspace's package.json (package-lock.json lists them).
COPY package.json package-lock.json .npmrc ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/observability/package.json libs/observability/
COPY libs/telemetry-wire/package.json libs/telemetry-wire/
COPY libs/testing/package.json libs/testing/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --output-style=stream

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/observability/package.json libs/observability/
COPY libs/telemetry-wire/package.json libs/telemetry-wire/
COPY libs/testing/package.json libs/testing/
# Workspaces are linked (node_modules/@cruddur/* -> ../../libs/*) and resolve once the runtime
# stage adds each library's package.json and dist. libs/testing is test-only: its link goes.
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm node_modules/@cruddur/testing \
  && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by `node`: the process cannot rewrite its own code.
COPY --from=production-dependencies /app/package.json ./
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /workspace/libs/contracts/package.json libs/contracts/
COPY --from=build /workspace/libs/contracts/dist libs/contracts/dist
COPY --from=build /workspace/libs/observability/package.json libs/observability/
COPY --from=build /workspace/libs/observability/dist libs/observability/dist
COPY --from=build /workspace/libs/telemetry-wire/package.json libs/telemetry-wire/
COPY --from=build /workspace/libs/telemetry-wire/dist libs/telemetry-wire/dist
# The default X-Ray sampling rule (AWS_XRAY_SAMPLING_RULES unset): the library finds it at the
# repository root, four folders above libs/observability/dist/xray - here /app/aws/json.
COPY aws/json/xray.json aws/json/
COPY tools/docker/healthcheck.mjs tools/docker/
USER node

# ---------------------------------------------------------------------------------------------
FROM runtime AS gateway
COPY --from=build /workspace/dist/apps/gateway dist/apps/gateway
EXPOSE 4567
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "tools/docker/healthcheck.mjs", "gateway"]
CMD ["node", "dist/apps/gateway/main.js"]

FROM runtime AS home-activities
COPY --from=build /workspace/dist/apps/home-activities dist/apps/home-activities
EXPOSE 4101
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "tools/docker/healthcheck.mjs", "home-activities"]
CMD ["node", "dist/apps/home-activities/main.js"]

FROM runtime AS notifications
COPY --from=build /workspace/dist/apps/notifications dist/apps/notifications
EXPOSE 4102
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "tools/docker/healthcheck.mjs", "notifications"]
CMD ["node", "dist/apps/notifications/main.js"]

FROM runtime AS inspector
COPY --from=build /workspace/dist/apps/inspector dist/apps/inspector
# Inside a container the inspector must listen on every interface to be reachable at all; publish
# its ports on the host's loopback only (docker-compose.yml does): telemetry carries user data.
ENV INSPECTOR_HOST=0.0.0.0
EXPOSE 16686 4318 2000/udp
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "tools/docker/healthcheck.mjs", "inspector"]
CMD ["node", "dist/apps/inspector/main.js"]

FROM runtime AS frontend
COPY --from=build /workspace/dist/apps/frontend dist/apps/frontend
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "tools/docker/healthcheck.mjs", "frontend"]
CMD ["node", "dist/apps/frontend/server/main.js"]
