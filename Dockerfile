# syntax=docker/dockerfile:1
# Livsforløb's image: built with the dev dependencies, run with the production ones only, as a
# non-root user. `test/e2e/dockerfile.spec.ts` replays these steps in a scratch directory (no
# Docker daemon needed), so a file the image misses fails the tests.
#   docker build -t livsforloeb .      (docker-compose.yml builds it too)

# Node.js 24 (LTS); package.json asks for 20.19 or newer.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm's cache persists between builds (BuildKit cache mount) and stays out of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY journeys ./journeys
COPY migrations ./migrations
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The code stays root's; only the data directory (embedded mode) is the service's to write.
RUN mkdir -p .data && chown node:node .data
USER node
# 3000: the public port (PORT). 9464: metrics (METRICS_PORT; bind METRICS_HOST=0.0.0.0 to reach it from outside the container).
EXPOSE 3000 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap flags of src/platform/node-flags.ts (a unit test keeps them in step).
CMD ["node", "--max-semi-space-size=64", "--max-old-space-size=1024", "dist/src/main.js"]
