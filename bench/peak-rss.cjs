// Preloaded into a measured process (`node -r ./bench/peak-rss.cjs …`): writes its peak resident
// set size in kilobytes to the file TOLLGATE_BENCH_RSS names when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => writeFileSync(process.env.TOLLGATE_BENCH_RSS, String(process.resourceUsage().maxRSS)));
