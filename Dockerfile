# k8sfix Slack app. Build: docker build -t k8sfix . ; run: see "The Slack app" in README.md (needs SLACK_BOT_TOKEN and
# SLACK_APP_TOKEN or SLACK_SIGNING_SECRET; a kubeconfig mounted at $KUBECONFIG or in-cluster credentials).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the "prepare" script builds, and the sources are not copied yet.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
COPY bench ./bench
COPY test/support ./test/support
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY catalogue ./catalogue
COPY handlers ./handlers
# The official image's unprivileged user (uid 1000).
USER node
# HTTP mode only (Socket Mode opens no port): /slack/events for Slack, /healthz for probes.
EXPOSE 3000
CMD ["node", "dist/src/slack/start.js"]
