/**
 * `node --import tsx bench/findings.ts`: the findings timings alone (bench/findingsBench.ts), on the
 * two largest real tables and 100,000 rows made by repeating the notable-models rows with unique
 * names (as `npm run bench` makes them). Prints a table, or one JSON object with `--json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/dataset/loadDataset';
import { TEST_DATA } from '../test/support/paths';
import { benchFindings, type FindingsBench } from './findingsBench';

const EPOCH = path.join(TEST_DATA, 'epoch');
/** The largest real tables: the 2025-03 all-models table and the 2025-06 full view. */
export const FINDINGS_TABLES = ['all_ai_models_2025-03.csv', 'all_ml_systems_full_view_2025-06.csv'];

/** 100,000 rows: the 2026-07 notable-models rows repeated, each name made unique (bench/run.ts's generator). */
export function synthetic100k(dir: string): string {
  const file = path.join(dir, 'synthetic_100k.csv');
  const repeat = `import csv,sys\nrows=list(csv.reader(open(sys.argv[1],encoding='utf-8',newline='')))\nh,body=rows[0],rows[1:]\nw=csv.writer(open(sys.argv[2],'w',encoding='utf-8',newline=''))\nw.writerow(h)\nfor i in range(100000):\n  r=list(body[i%len(body)]); r[0]=f"{r[0].strip() or 'Unnamed'} (copy {i//len(body)+1})"; w.writerow(r)`;
  execFileSync('python3', ['-c', repeat, path.join(EPOCH, 'notable_ai_models_2026-07.csv'), file]);
  return file;
}

/** The findings lines of the bench's table. */
export function findingsLines(r: FindingsBench): string[] {
  const lines = ['Findings: topics and diffusion (best of 7; 100,000 rows best of 3), the report (best of 3)'];
  for (const [name, t] of Object.entries(r.tables))
    lines.push(
      `  ${name.padEnd(40)} ${String(t.rows).padStart(6)} rows: topics ${t.topicsMs} ms (by task ${t.topicsByTaskMs}), diffusion ${t.diffusionMs} ms (targets ≤ 50, ≤ 1,000 at 100,000 rows); both tabs' numbers ${t.findingsViewMs} ms` +
        (t.reportMs !== undefined ? `; report ${t.reportMs} ms (target ≤ 5,000)` : ''),
    );
  const d = r.drawing;
  lines.push(`  Drawing in headless Chromium (${d.file}, numbers' arrival → drawn, best of 3 pages; targets first ≤ 300, re-draw ≤ 100):`);
  for (const tab of ['topics', 'diffusion'] as const) lines.push(`    ${tab.padEnd(9)} first ${d[tab].firstMs} ms; after a filter ${d[tab].refilterMs} ms; after a label ${d[tab].relabelMs} ms`);
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'cd-findings-bench-'));
  void (async () => {
    try {
      const file = synthetic100k(tmp);
      const result = await benchFindings(EPOCH, FINDINGS_TABLES, loadDataset(readFileSync(file), file));
      process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(result)}\n` : `${findingsLines(result).join('\n')}\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  })();
}
