// d3-bench.mjs: d3-force's tick time on one of ent-bench's edge lists
//
//   node d3-bench.mjs EDGES TICKS
//
// forceManyBody + forceLink + forceCenter at their defaults (theta 0.9,
// alpha cooling to 0.001 in 300 ticks, as Entente's layout). Prints one
// JSON object: the median and 95th percentile tick, and the time of all
// TICKS ticks (with TICKS >= 300, until d3 stops: its cold start settled).
// Times are the process's CPU time (user + system), as ent-bench's; the
// wall time of all ticks is given too.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { forceSimulation, forceManyBody, forceLink, forceCenter } from 'd3-force';

const [path, ticksArg] = process.argv.slice(2);
if (!path || !ticksArg) {
  console.error('usage: node d3-bench.mjs EDGES TICKS');
  process.exit(2);
}
const maxTicks = Number(ticksArg);
const words = readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
const n = words[0];
const m = words[1];
const nodes = Array.from({ length: n }, (_, i) => ({ index: i }));
const links = new Array(m);
for (let i = 0; i < m; i++)
  links[i] = { source: words[2 + 2 * i], target: words[3 + 2 * i] };

const cpuMs = (since) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

const c0 = process.cpuUsage();
const sim = forceSimulation(nodes)
  .force('charge', forceManyBody())
  .force('link', forceLink(links))
  .force('center', forceCenter())
  .stop();
const setupMs = cpuMs(c0);

const times = [];
const start = performance.now();
while (times.length < maxTicks && sim.alpha() >= sim.alphaMin()) {
  const c = process.cpuUsage();
  sim.tick();
  times.push(cpuMs(c));
}
const wallMs = performance.now() - start;
const totalMs = times.reduce((a, b) => a + b, 0);

const sorted = [...times].sort((a, b) => a - b);
const q = (p) => {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 >= sorted.length ? sorted[sorted.length - 1]
    : sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]);
};
const settled = sim.alpha() < sim.alphaMin();
console.log(JSON.stringify({
  bench: 'd3-force',
  nodes: n,
  edges: m,
  ticks: times.length,
  setup_ms: setupMs,
  tick_median_ms: q(0.5),
  tick_mean_ms: totalMs / times.length,
  tick_p95_ms: q(0.95),
  ticks_ms: totalMs,
  ticks_wall_ms: wallMs,
  ticks_per_s: 1000 * times.length / totalMs,
  settled,
  cold_settled_ms: settled ? setupMs + totalMs : null,
  max_rss_kb: Math.round(process.resourceUsage().maxRSS),
}));
