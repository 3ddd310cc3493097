# syntax=docker/dockerfile:1
#
# One image for all four Switchboard apps; the command picks the app:
#   node --enable-source-maps dist/apps/<api-gateway|realtime-gateway|messaging-service|webhook-dispatcher>/main.js
#   node --enable-source-maps dist/apps/messaging-service/cli.js migrate     (one-shot migrations)
# See docs/deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# Install helper: `npm ci` when the lockfile allows it. The committed lockfile currently lacks other
# platforms' optional binaries (the registry it was made against does not serve them), and `npm ci`
# rejects such a lockfile; `npm install` still installs the locked versions (this is what .ci/run
# does). Once the lockfile is regenerated against the public registry, `npm ci` takes over.

# ---- build: full dependency tree (webpack, ts-loader, typescript are dev dependencies) ----------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund \
 || { echo "npm ci rejected the lockfile; falling back to npm install (locked versions)" >&2; \
      npm install --no-audit --no-fund; }
COPY . .
RUN npm run build \
 && test -f dist/apps/api-gateway/main.js \
 && test -f dist/apps/realtime-gateway/main.js \
 && test -f dist/apps/messaging-service/main.js \
 && test -f dist/apps/messaging-service/cli.js \
 && test -f dist/apps/webhook-dispatcher/main.js

# ---- prod-deps: production node_modules only (webpack keeps node_modules external) --------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV CI=true
COPY package.json package-lock.json ./
RUN { npm ci --omit=dev --no-audit --no-fund \
   || { echo "npm ci rejected the lockfile; falling back to npm install (locked versions)" >&2; \
        npm install --omit=dev --no-audit --no-fund; }; } \
 && npm cache clean --force

# ---- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="switchboard" \
      org.opencontainers.image.description="Switchboard team-chat backend (api-gateway, realtime-gateway, messaging-service, webhook-dispatcher)" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the app user; the container also runs with a read-only root
# filesystem in Kubernetes.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The official image's `node` user, by number so Kubernetes' runAsNonRoot can verify it.
# Attachment files (ATTACHMENT_STORAGE=local): a volume mounted here inherits this ownership.
RUN mkdir -p /var/lib/switchboard/attachments && chown -R 1000:1000 /var/lib/switchboard
USER 1000:1000
EXPOSE 3000 3001 3002 3003
CMD ["node", "--enable-source-maps", "dist/apps/api-gateway/main.js"]
