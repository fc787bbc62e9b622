# k8sfix Slack app.  Build: docker build -t k8sfix .   Run in a cluster: deploy/ (README, "Run it in a cluster").
#
# Three stages: `build` compiles src/ and handlers/ with the dev dependencies; `deps` installs the production
# dependencies only; the final image holds those, the compiled dist/src and dist/handlers, the catalogue and
# package.json, and nothing else: no TypeScript sources, no tests (test/ and dist/test), no benchmarks (bench/ and
# dist/bench), no dev dependencies, no npm. It runs as uid 1000 (the base image's "node" user) and needs no
# writable path but /tmp, so it runs with a read-only root filesystem.
#
# Credentials. In a cluster, k8sfix reads the cluster it runs in with its service account (context "in-cluster",
# deploy/base/rbac-readonly.yaml); that is the default and needs nothing in the image. A kubeconfig mounted at
# $KUBECONFIG works too, with one catch: kubeconfigs written by `gcloud container clusters get-credentials` (GKE)
# run the exec plugin `gke-gcloud-auth-plugin` to get a token, and this image does not contain it (it pulls in
# the Google Cloud CLI, several hundred MB). For GKE clusters other than the one k8sfix runs in, either give
# k8sfix a kubeconfig with a service-account token of that cluster (no plugin needed), or build an image on top
# of this one that adds the plugin, e.g.
#     FROM k8sfix
#     USER 0
#     RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
#      && curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | gpg --dearmor -o /usr/share/keyrings/cloud.google.gpg \
#      && echo "deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt cloud-sdk main" > /etc/apt/sources.list.d/google-cloud-sdk.list \
#      && apt-get update && apt-get install -y --no-install-recommends google-cloud-cli-gke-gcloud-auth-plugin \
#      && rm -rf /var/lib/apt/lists/*
#     USER 1000:1000
# and let the plugin find Google credentials (Workload Identity on GKE, or GOOGLE_APPLICATION_CREDENTIALS).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the "prepare" script builds, and the sources are not copied yet.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
COPY catalogue ./catalogue
# bench/ and test/ are not in the build context (.dockerignore), so tsc compiles src/ and handlers/ only;
# `npm run build` also compiles and checks the catalogue into dist/catalogue.json, read at start instead of the YAML.
RUN npm run build && mkdir -p dist/handlers

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# The app never runs a package manager: drop npm, npx, corepack and yarn, and the vulnerabilities scanners find in them.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/handlers ./dist/handlers
COPY --from=build /app/dist/catalogue.json ./dist/catalogue.json
# The catalogue is data the app reads at start (its README.md marks the directory).
COPY catalogue ./catalogue
# Numeric, so the kubelet can check runAsNonRoot; files above stay owned by root, so the app cannot change them.
USER 1000:1000
# 3000: /slack/events and /healthz in HTTP mode (Socket Mode opens no port). 8081: /livez, /readyz, /metrics.
EXPOSE 3000 8081
CMD ["node", "dist/src/slack/start.js"]
