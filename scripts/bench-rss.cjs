// Preloaded by the benchmark into the measured process: writes its peak
// resident memory (KiB) to the file named by AIGC_BENCH_RSS_FILE at exit.
const {writeFileSync} = require('node:fs');

process.on('exit', () => {
  if (process.env.AIGC_BENCH_RSS_FILE) writeFileSync(process.env.AIGC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
