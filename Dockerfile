# Ollio production image: Next.js standalone output; migrations applied with `prisma migrate deploy`
# at start. Build: docker build -t ollio .   Run: see docker-compose.yml.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
# `npm install`, not `npm ci`: see .ci/run.
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
# next build needs no database; runtime still validates every variable at start-up.
ENV SKIP_ENV_VALIDATION=1 NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
# NEXT_PUBLIC_* values are compiled in: to use Clerk, build with --build-arg NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_…
ARG NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=""
ENV NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=$NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY
RUN npm run build

FROM node:22-bookworm-slim AS runner
# bubblewrap + prlimit for the local sandbox (unused when E2B_API_KEY is set).
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap util-linux ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The Prisma CLI, kept apart from the app, for `prisma migrate deploy` (downloads its engine here, at build time).
RUN mkdir -p /opt/prisma && cd /opt/prisma && npm init -y >/dev/null && npm install --no-audit --no-fund prisma@7.5.0
WORKDIR /app
# HOSTNAME for Next's standalone server, HOST for the preview server: all interfaces, behind the port mapping.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 HOST=0.0.0.0
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/prisma.config.ts ./
COPY --from=build /app/sandbox-templates ./sandbox-templates
EXPOSE 3000 3001
CMD ["sh", "-c", "/opt/prisma/node_modules/.bin/prisma migrate deploy && exec node server.js"]
