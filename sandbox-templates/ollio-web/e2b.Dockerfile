# Ollio's E2B sandbox template: Node, a static file server and the Tailwind CLI, all installed
# at build time because Ollio creates sandboxes with internet access turned off.
FROM node:20-bookworm-slim

# Pinned so a rebuild gives the agent the same tools it was prompted for.
RUN npm install --global serve@14.2.7 @tailwindcss/cli@4.3.5 tailwindcss@4.3.5 \
    && npm cache clean --force

# Debian's Chromium for Ollio's page check (src/modules/sandbox/server/check): after each run Ollio
# loads index.html in it, inside this VM, at desktop and phone sizes (docs/check.md). Fonts so
# screenshots render text like a desktop browser. Without Chromium the check is skipped, not failed.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends chromium fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

# The app directory the agent works in (the same path as the local sandbox's).
COPY app/ /home/user/app/
# E2B runs commands as its own `user`, created after this image is built: let any user write here
# (the VM has a single tenant; the VM itself is the isolation boundary).
RUN chmod -R a+rwX /home/user/app

WORKDIR /home/user/app
EXPOSE 3000
