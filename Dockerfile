# Comptoir appliance image. The base is overridable so the image can be built where no
# registry is reachable (see TOOLCHAIN notes): --build-arg BASE=<a local Node 22 image>.
ARG BASE=node:22-bookworm-slim

FROM ${BASE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# Same steps as the README: npm ci builds dist/ through the prepare script.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM ${BASE}
# COMPTOIR_CONTAINER: the appliance starts as root only to give /data to PUID:PGID
# (bind mounts), then drops to that user before doing anything else (src/container-user.ts).
ENV NODE_ENV=production \
    COMPTOIR_CONTAINER=1 \
    COMPTOIR_DATA_DIR=/data \
    COMPTOIR_HOST=0.0.0.0 \
    COMPTOIR_PORT=8080 \
    PUID=1001 \
    PGID=1001
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1001 comptoir \
 && useradd --uid 1001 --gid comptoir --home-dir /app --shell /usr/sbin/nologin comptoir \
 && mkdir -p /data \
 && chown comptoir:comptoir /data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY views ./views
COPY public ./public
RUN chmod +x dist/cli.js && ln -s /app/dist/cli.js /usr/local/bin/comptoir
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.COMPTOIR_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tini is PID 1: it forwards SIGTERM to node, which stops cleanly, and reaps zombies.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/cli.js", "serve"]
