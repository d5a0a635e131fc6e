# One image for the four apps; the command picks the app: `node dist/apps/<app>/src/main.js`.
ARG NODE_VERSION=26
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json .swcrc ./
COPY apps apps
COPY libs libs
COPY test test
COPY deploy/local deploy/local
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
# The directory's heap cap: as deploy/local/src/app-process.ts (APP_NODE_ARGS) and docker-compose.yml.
CMD ["node", "--max-old-space-size=384", "dist/apps/directory/src/main.js"]
