# syntax=docker/dockerfile:1
# Neck Massage Coach: build in one stage, run from the run-time file set only (README, Deployment):
# package files, production node_modules, dist/ (code, dist/nlu-model.bin, dist/web), content/,
# intents/. scripts/build-runtime.sh makes the same folder without a container engine.

# Build: every dependency, compile, train the NLU artifact, build the web page (dist/web).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY content ./content
COPY intents ./intents
RUN npm run build

# Production dependencies only (no botframework-webchat, no TypeScript).
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=3978 \
    NLU_MODEL=required \
    NODE_OPTIONS=--max-old-space-size=160
WORKDIR /app
# Owned by root, run as the image's unprivileged `node` user: the server cannot change its code.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY content ./content
COPY intents ./intents
USER node
EXPOSE 3978
# Liveness: the process answers. (Readiness, /readyz, is for the load balancer or orchestrator.)
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop accepting, finish requests in flight (SHUTDOWN_DEADLINE_MS), close Redis, exit 0.
# node is PID 1 here and handles the signal itself (no npm in between to swallow it).
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
