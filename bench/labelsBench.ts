/**
 * Label-log micro-benchmark (issue targets: replaying a log of 100,000 events ≤ 500 ms; a flushed
 * append, median ≤ 5 ms). `benchLabels()` returns wall-clock milliseconds on this machine; run
 * directly (`node --import tsx bench/labelsBench.ts`) it prints them as one JSON object.
 * Measurements, not tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeEvent, serializeEvent, type LabelChange } from '../src/core/labels/event';
import { foldLabels, LabelFolder } from '../src/core/labels/fold';
import { appendEvents, LabelLogReader } from '../src/node/labels/labelLog';
import { parseLabelLog } from '../src/core/labels/parseLog';

export interface LabelsBench {
  /** Median of 5 runs: parse the text of 100,000 events and fold them (ms). */
  replay100kMs: number;
  /** Median of 200 single-event appends, each flushed (fdatasync) before it resolves (ms). */
  appendMedianMs: number;
  /** Median of 20: with a 100,000-event log open, append one event, re-read it (only the appended
   * line is parsed) and fold it in (only its (target, field) is folded again), as the editor does
   * after every label (ms). */
  appendRereadFold100kMs: number;
  /** For context: the replay's median CPU time (all threads, garbage collector included), the log's
   * size in bytes, the appends' 95th percentile, and the 1-minute load average while measuring. */
  replay100kCpuMs: number;
  logBytes: number;
  appendP95Ms: number;
  loadAverage: number;
}

const CATEGORIES = ['Academia', 'Industry', 'Government', 'Research collective', 'Non-profit'] as const;
const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other'] as const;

/** A realistic log: 5 annotators, 5,000 organizations, 20,000 papers, all fields, some retractions. */
export function syntheticLog(events: number): string {
  const start = Date.UTC(2026, 0, 1);
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const annotator = `annotator-${i % 5}`;
    const r = (i * 2654435761) >>> 0;
    let change: LabelChange;
    if (i % 1000 === 0) change = { target: { kind: 'annotator', name: 'annotator-0' }, field: 'role', value: 'adjudicator' };
    else if (r % 3 !== 0) change = { target: { kind: 'organization', name: `Organization ${r % 5000} University` }, field: 'category', value: r % 17 === 0 ? null : CATEGORIES[r % 5] };
    else {
      const target = { kind: 'paper' as const, id: `Model ${r % 20000}`, date: '2024-05-01', organizations: [`Organization ${r % 5000} University`, 'Google'] };
      const f = r % 4;
      change =
        f === 0
          ? { target, field: 'teamSector', value: SECTORS[r % 4], reason: 'checked the affiliations in the paper' }
          : f === 1
            ? { target, field: 'decision', value: 'include' }
            : f === 2
              ? { target, field: 'topic', value: 'Language' }
              : { target, field: 'note', value: 'authors moved to industry in 2023' };
    }
    lines.push(serializeEvent(makeEvent(annotator, change, { now: new Date(start + i * 1000), id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })));
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Run the measurements (about 5 s). */
export async function benchLabels(): Promise<LabelsBench> {
  const text = syntheticLog(100_000);
  const replays: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < 5; run++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const log = parseLabelLog(text, 'bench.jsonl');
    const state = foldLabels(log.events);
    replays.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (log.events.length !== 100_000 || state.eventCount !== 100_000) throw new Error('replay lost events');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-labels-bench-'));
  const appends: number[] = [];
  const rereads: number[] = [];
  try {
    const file = path.join(dir, '.compute-divide', 'labels.jsonl');
    for (let i = 0; i < 200; i++) {
      const event = makeEvent('bench', { target: { kind: 'organization', name: `Organization ${i}` }, field: 'category', value: 'Academia' });
      const t = performance.now();
      await appendEvents(file, [event]);
      appends.push(performance.now() - t);
    }
    const big = path.join(dir, 'big.jsonl');
    writeFileSync(big, text);
    const reader = new LabelLogReader(big);
    const folder = new LabelFolder();
    folder.fold((await reader.read()).events);
    for (let i = 0; i < 20; i++) {
      const event = makeEvent('bench', { target: { kind: 'organization', name: `Organization ${i}` }, field: 'category', value: 'Industry' });
      await appendEvents(big, [event]);
      const t = performance.now();
      const log = await reader.read();
      folder.fold(log.events);
      rereads.push(performance.now() - t);
      if (reader.lastParsedBytes > 1000 || log.events.length !== 100_001 + i) throw new Error('the re-read was not incremental');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...appends].sort((a, b) => a - b);
  return {
    replay100kMs: round(median(replays)),
    appendMedianMs: round(median(appends)),
    appendRereadFold100kMs: round(median(rereads)),
    replay100kCpuMs: round(median(cpu)),
    logBytes: Buffer.byteLength(text),
    appendP95Ms: round(sorted[Math.floor(sorted.length * 0.95)]),
    loadAverage: round(loadavg()[0]),
  };
}

if (require.main === module) {
  benchLabels().then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
