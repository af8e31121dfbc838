# The Stepwise image: one image for the server (npm start) and headless workers (npm run worker).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps/chat/package.json apps/chat/
COPY apps/server/package.json apps/server/
COPY packages/engine/package.json packages/engine/
COPY packages/db/package.json packages/db/
COPY test/package.json test/
# Dev dependencies too: the server runs TypeScript through tsx and the UI is built here.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build -w @stepwise/chat && mkdir -p /data && chown node:node /data
# The first-run admin's one-time password is written here (a volume shared by the replicas).
ENV DATA_DIR=/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.WORKER_PORT||process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "run", "start", "-w", "@stepwise/server"]
