// Loaded into a measured process (`node --import ./bench/peak-rss.mjs …`): writes its peak
// resident set size in kilobytes to the file TOLLGATE_BENCH_RSS names when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.TOLLGATE_BENCH_RSS, String(process.resourceUsage().maxRSS)));
