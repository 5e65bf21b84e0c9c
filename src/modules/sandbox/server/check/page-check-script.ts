/**
 * The program `checkApp` runs inside the sandbox with the sandbox's own node (plain CommonJS, no
 * dependencies). Why hand-written CDP over --remote-debugging-pipe instead of playwright-core:
 * the sandbox sees only /usr and the app directory — none of Ollio's node_modules — and
 * playwright-core is a devDependency anyway; the handful of CDP calls needed fit in this file.
 *
 * It serves the app directory under /f/check/ on the sandbox's loopback (the preview's layout and
 * headers, so relative URLs, absolute-path mistakes and 404s behave as in the preview), loads
 * index.html at each viewport in its own tab, and prints one line: MARKER + JSON.
 * Kept free of backticks and dollar-brace so it can live in String.raw.
 */
export const PAGE_CHECK_SCRIPT = String.raw`"use strict";
// Runs INSIDE the sandbox with the sandbox's node: serves the app directory on the sandbox's own
// loopback, drives Chromium over --remote-debugging-pipe (a minimal CDP client: the sandbox sees
// none of Ollio's node_modules, so playwright is not available here), and prints one JSON line.
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { spawn } = require("node:child_process");

const config = JSON.parse(Buffer.from(process.argv[2], "base64").toString("utf8"));
const ROOT = config.appDir;
const PREFIX = "/f/check/";
const started = Date.now();
const chromium = config.chromiumCandidates.find((candidate) => {
  try { fs.accessSync(candidate, fs.constants.X_OK); return true; } catch (e) { return false; }
});
if (!chromium) {
  process.stdout.write("\n" + config.marker + JSON.stringify({ ok: false, unavailable: "Chromium is not installed in the sandbox (looked for " + config.chromiumCandidates.join(", ") + ")." }) + "\n");
  process.exit(0);
}
const deadline = started + config.budgetMs;

const TYPES = { ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8", ".map": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8", ".xml": "application/xml; charset=utf-8" };

// Paths answered 404: with the preview's headers a 404 of a script or stylesheet reaches the
// page as an opaque-response block (ERR_BLOCKED_BY_ORB), not as a status, so the server says.
const missing = new Set();

function serve(req, res) {
  const raw = (req.url || "/").split(/[?#]/, 1)[0];
  const send = (status, body, type) => {
    if (status === 404) missing.add(raw);
    res.writeHead(status, Object.assign({ "content-type": type || "text/plain; charset=utf-8", "cache-control": "no-store" }, config.headers));
    res.end(body);
  };
  if (!raw.startsWith(PREFIX)) return send(404, "Not found.\n");
  let rel;
  try { rel = decodeURIComponent(raw.slice(PREFIX.length)); } catch (e) { return send(404, "Not found.\n"); }
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const segments = rel.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\0"))) return send(404, "Not found.\n");
  const file = path.join(ROOT, rel);
  fs.lstat(file, (error, info) => {
    if (error || !info.isFile()) return send(404, "Not found.\n");
    fs.readFile(file, (readError, body) => {
      if (readError) return send(404, "Not found.\n");
      send(200, body, TYPES[path.extname(file).toLowerCase()] || "text/plain; charset=utf-8");
    });
  });
}

// --- CDP over the pipe: messages are JSON terminated by NUL, chromium reads fd 3, writes fd 4.
function startBrowser() {
  const profile = fs.mkdtempSync(path.join(config.tmpDir, "ollio-check-"));
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--no-first-run", "--no-default-browser-check", "--no-zygote", "--disable-extensions", "--disable-sync",
    "--disable-component-update", "--disable-default-apps", "--disable-breakpad", "--disable-crash-reporter",
    "--metrics-recording-only", "--mute-audio", "--hide-scrollbars", "--noerrdialogs", "--password-store=basic",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,DialMediaRouteProvider",
    "--renderer-process-limit=2", "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank",
  ];
  const child = spawn(chromium, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"], detached: true });
  let stderrTail = "";
  child.stderr.on("data", (d) => { stderrTail = (stderrTail + d).slice(-2000); });
  const out = child.stdio[3];
  const input = child.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = "";
  input.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id && pending.has(message.id)) {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p.reject(new Error(message.error.message)); else p.resolve(message.result);
      } else if (message.method) {
        for (const l of listeners) l(message);
      }
    }
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  out.on("error", () => {});
  return {
    child, exited, profile, stderrTail: () => stderrTail,
    on: (listener) => listeners.push(listener),
    send(method, params, sessionId, timeoutMs) {
      const id = nextId++;
      const message = { id, method, params: params || {} };
      if (sessionId) message.sessionId = sessionId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { pending.delete(id); reject(new Error(method + " timed out")); }, Math.max(1, Math.min(timeoutMs || 10000, deadline - Date.now())));
        pending.set(id, { resolve: (r) => { clearTimeout(timer); resolve(r); }, reject: (e) => { clearTimeout(timer); reject(e); } });
        out.write(JSON.stringify(message) + "\0");
      });
    },
  };
}

// --- Blank detection: a small PNG of the viewport, decoded here; blank = one colour everywhere.
function decodePng(buffer) {
  let offset = 8;
  let width = 0, height = 0, colorType = 0, depth = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; colorType = data[9]; }
    else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (depth !== 8 || !channels) return null;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) { const p = a + b - c; const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      pixels[y * stride + x] = value & 255;
    }
  }
  return { width, height, channels, pixels };
}

function isUniform(image) {
  const { pixels, channels } = image;
  let differing = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    for (let ch = 0; ch < Math.min(3, channels); ch++) {
      if (Math.abs(pixels[i + ch] - pixels[ch]) > 12) { differing++; break; }
    }
  }
  // Any visible mark counts, even one letter: only a page of one colour (give or take a stray
  // pixel) is blank.
  return differing <= 2;
}

async function checkViewport(browser, origin, viewport) {
  const problems = [];
  const add = (problem) => { if (problems.length < config.maxProblemsPerViewport) problems.push(problem); };
  // A window each: two tabs of one window would leave one hidden, and a hidden tab paints nothing.
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank", newWindow: true });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  const requests = new Map();
  const reported = new Set();
  let loaded = false;
  let onLoad = () => {};
  browser.on((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === "Page.loadEventFired") { loaded = true; onLoad(); }
    else if (m.method === "Runtime.exceptionThrown") {
      const d = p.exceptionDetails;
      const frame = d.stackTrace && d.stackTrace.callFrames && d.stackTrace.callFrames[0];
      add({ kind: "exception", message: ((d.exception && d.exception.description) || d.text || "Uncaught exception").split("\n")[0],
        url: d.url || (frame && frame.url) || undefined, line: (frame ? frame.lineNumber : d.lineNumber) + 1, column: (frame ? frame.columnNumber : d.columnNumber) + 1 });
    } else if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
      const text = p.args.map((a) => a.value !== undefined ? (typeof a.value === "string" ? a.value : JSON.stringify(a.value)) : a.description || a.type).join(" ");
      const frame = p.stackTrace && p.stackTrace.callFrames && p.stackTrace.callFrames[0];
      add({ kind: "console-error", message: text || "console.error()", url: frame && frame.url || undefined, line: frame ? frame.lineNumber + 1 : undefined, column: frame ? frame.columnNumber + 1 : undefined });
    } else if (m.method === "Log.entryAdded") {
      const e = p.entry;
      if (e.level !== "error" || e.source === "network") return;
      // Chromium logs a blocked fetch twice: "Connecting to … violates …" (kept) and this echo.
      if (/^Fetch API cannot load .*Content Security Policy/.test(e.text)) return;
      const csp = /Content Security Policy/i.test(e.text);
      add({ kind: csp ? "csp" : "console-error", message: e.text, url: e.url || undefined, line: e.lineNumber !== undefined ? e.lineNumber + 1 : undefined });
    } else if (m.method === "Network.requestWillBeSent") {
      requests.set(p.requestId, p.request.url);
    } else if (m.method === "Network.responseReceived" || m.method === "Network.loadingFailed") {
      const url = m.method === "Network.responseReceived" ? p.response.url : requests.get(p.requestId) || "";
      if (!url.startsWith(origin + "/") || reported.has(p.requestId)) return;
      const pathname = url.slice(origin.length).split(/[?#]/, 1)[0];
      // Chromium asks for /favicon.ico by itself; the page never did.
      if (pathname === "/favicon.ico") return;
      if (missing.has(pathname)) {
        reported.add(p.requestId);
        add({ kind: "missing-file", message: "not found", url, status: 404 });
      } else if (m.method === "Network.loadingFailed" && p.blockedReason !== "csp" && !p.canceled) {
        // (A CSP block is reported by its console message, which names the directive.)
        reported.add(p.requestId);
        add({ kind: "load", message: "Could not load " + pathname + ": " + p.errorText, url });
      }
    }
  });
  const s = (method, params, timeoutMs) => browser.send(method, params, sessionId, timeoutMs);
  await Promise.all([s("Page.enable"), s("Runtime.enable"), s("Log.enable"), s("Network.enable"), s("Emulation.setFocusEmulationEnabled", { enabled: true })]);
  await s("Emulation.setDeviceMetricsOverride", { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: viewport.mobile });
  const loadedNow = new Promise((resolve) => { onLoad = resolve; });
  const navigation = await s("Page.navigate", { url: origin + PREFIX + "index.html" });
  if (navigation.errorText) add({ kind: "load", message: "The page did not load: " + navigation.errorText });
  const loadTimeout = Math.min(config.loadTimeoutMs, Math.max(0, deadline - Date.now() - 2000));
  await Promise.race([loadedNow, new Promise((r) => setTimeout(r, loadTimeout))]);
  if (!loaded) add({ kind: "load", message: "The page did not finish loading within " + Math.round(loadTimeout / 100) / 10 + " s (a script may be stuck in a loop or waiting forever)." });
  // Errors thrown from timers and promise callbacks right after load count too.
  await new Promise((r) => setTimeout(r, config.settleMs));

  let blank = null;
  let screenshot = null;
  try {
    // Fine enough that small text on a zoomed-out phone layout still shows (≈ 350k pixels to decode).
    const probeScale = Math.min(1, Math.sqrt(350000 / (viewport.width * viewport.height)));
    // What the screen shows: on a phone, a page without a viewport meta is laid out 980 px wide
    // and zoomed out, so the visible area is the visual viewport, not the first 390×844 CSS px.
    const metrics = await s("Page.getLayoutMetrics", {}, 5000);
    const visual = metrics.cssVisualViewport;
    const clip = (scale) => ({ x: visual.pageX, y: visual.pageY, width: visual.clientWidth, height: visual.clientHeight, scale: (scale * viewport.width) / visual.clientWidth });
    const probe = await s("Page.captureScreenshot", { format: "png", clip: clip(probeScale) }, 5000);
    const image = decodePng(Buffer.from(probe.data, "base64"));
    if (image) blank = isUniform(image);
    for (const [quality, scale] of [[config.quality, 1], [Math.round(config.quality * 0.6), 1], [40, 0.5]]) {
      const shot = await s("Page.captureScreenshot", { format: "jpeg", quality, clip: clip(scale) }, 5000);
      const bytes = Math.floor(shot.data.length * 3 / 4);
      screenshot = { data: shot.data, width: Math.round(viewport.width * scale), height: Math.round(viewport.height * scale), bytes, quality };
      if (bytes <= config.maxScreenshotBytes) break;
      screenshot = null;
    }
  } catch (error) {
    add({ kind: "load", message: "Could not capture the page: " + error.message });
  }
  await browser.send("Target.closeTarget", { targetId }).catch(() => {});
  return { name: viewport.name, width: viewport.width, height: viewport.height, loaded, blank, problems, screenshot };
}

// Peak use of everything in this pid namespace (on E2B: the whole VM's processes), for the bench.
const peak = { threads: 0, rssBytes: 0, privateBytes: 0 };
function sample() {
  let threads = 0, rss = 0, priv = 0;
  for (const name of fs.readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(name)) continue;
    let status;
    try { status = fs.readFileSync("/proc/" + name + "/status", "utf8"); } catch (e) { continue; }
    const field = (key) => { const m = new RegExp("^" + key + ":\\s+(\\d+)", "m").exec(status); return m ? Number(m[1]) : 0; };
    threads += field("Threads");
    rss += field("VmRSS") * 1024;
    priv += (field("RssAnon") + field("RssShmem")) * 1024;
  }
  peak.threads = Math.max(peak.threads, threads);
  peak.rssBytes = Math.max(peak.rssBytes, rss);
  peak.privateBytes = Math.max(peak.privateBytes, priv);
}

async function main() {
  const sampler = setInterval(sample, config.sampleMs);
  const server = http.createServer(serve);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = startBrowser();
  let result;
  try {
    const launched = Date.now();
    await browser.send("Browser.getVersion", {}, undefined, 15000);
    const launchMs = Date.now() - launched;
    // Both sizes at once, each in its own tab: about half the time of one after the other.
    const viewports = await Promise.all(config.viewports.map((viewport) => checkViewport(browser, origin, viewport)));
    sample();
    result = { ok: true, launchMs, durationMs: Date.now() - started, viewports, peak };
  } catch (error) {
    result = { ok: false, error: String(error && error.message || error), stderr: browser.stderrTail(), durationMs: Date.now() - started };
  }
  // Close the browser and make sure nothing it started outlives the check (E2B keeps processes).
  await browser.send("Browser.close", {}, undefined, 2000).catch(() => {});
  await Promise.race([browser.exited, new Promise((r) => setTimeout(r, 2000))]);
  try { process.kill(-browser.child.pid, "SIGKILL"); } catch (e) {}
  fs.rmSync(browser.profile, { recursive: true, force: true });
  server.close();
  clearInterval(sampler);
  process.stdout.write("\n" + config.marker + JSON.stringify(result) + "\n");
  process.exit(0);
}

main().catch((error) => {
  process.stdout.write("\n" + config.marker + JSON.stringify({ ok: false, error: String(error && error.stack || error) }) + "\n");
  process.exit(0);
});
`;
