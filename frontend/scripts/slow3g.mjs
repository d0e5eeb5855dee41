#!/usr/bin/env node
// A participant's way in on a slow link: from the join link to the join form being
// usable, and to the room showing its first inject, with Chromium's network emulation
// (CDP Network.emulateNetworkConditions) at three profiles; the median of three runs
// each, every run in a fresh browser context (an empty cache), and the bytes that came
// over the wire. Prints a Markdown table for docs/performance.md. Not a test: nothing
// here passes or fails on a duration.
//
// Needs the built binary (make bin/cbmex) and Chromium (CHROMIUM_PATH). RUNS=n changes
// the number of runs.
import { joinFromLink, launchChromium, startServer, startTutorial } from './lib/live.mjs';

// kbit/s as DevTools counts them (1 kbit = 1,024 bit), in bytes per second.
const kbit = (n) => (n * 1024) / 8;
const PROFILES = [
  { name: 'unthrottled', conditions: null },
  { name: 'Regular 3G', conditions: { latency: 100, downloadThroughput: kbit(750), uploadThroughput: kbit(250) } },
  { name: 'Slow 3G', conditions: { latency: 400, downloadThroughput: kbit(400), uploadThroughput: kbit(400) } },
];
const RUNS = Number(process.env.RUNS || 3);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function run(browser, baseURL, code, profile) {
  const ctx = await browser.newContext({ baseURL, locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  if (profile.conditions) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.conditions });
  // Bytes as they came over the wire (headers and compressed bodies), per request;
  // the event stream counts what it had delivered by the time the first inject showed.
  const bytes = new Map();
  cdp.on('Network.dataReceived', (e) => bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + e.encodedDataLength));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, Math.max(bytes.get(e.requestId) ?? 0, e.encodedDataLength)));
  const requests = [];
  cdp.on('Network.requestWillBeSent', (e) => requests.push(`${e.request.method} ${new URL(e.request.url).pathname}`));
  const t = await joinFromLink(page, code);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  await ctx.close();
  return { ...t, bytes: total, requests: requests.length, list: requests };
}

const server = await startServer();
const browser = await launchChromium();
const rows = [];
try {
  const code = await startTutorial(browser, server.baseURL);
  await run(browser, server.baseURL, code, PROFILES[0]); // warm the server (scenario caches), not counted
  for (const profile of PROFILES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run(browser, server.baseURL, code, profile));
    const row = {
      profile: profile.name,
      form: median(runs.map((r) => r.form)),
      room: median(runs.map((r) => r.room)),
      bytes: median(runs.map((r) => r.bytes)),
      requests: median(runs.map((r) => r.requests)),
    };
    rows.push(row);
    console.error(`${profile.name}: form ${runs.map((r) => secs(r.form)).join(', ')}; room ${runs.map((r) => secs(r.room)).join(', ')}`);
    if (process.env.VERBOSE) console.error(runs[0].list.join('\n'));
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`| | ${rows.map((r) => r.profile).join(' | ')} |`);
console.log(`|---|${rows.map(() => '---|').join('')}`);
console.log(`| join link → join form usable | ${rows.map((r) => secs(r.form)).join(' | ')} |`);
console.log(`| join link → room showing the first inject | ${rows.map((r) => secs(r.room)).join(' | ')} |`);
console.log(`| bytes over the wire (requests) | ${rows.map((r) => `${(r.bytes / 1000).toFixed(0)} kB (${r.requests})`).join(' | ')} |`);
