/**
 * `compute-divide report` (cli.md): the numbers of report.md, parsed back out of its tables and
 * sentences, equal what `trends`, `shares`, `topics` and `diffusion --json` print for the same
 * file, filters, parameters and labels (to the digits shown); the HTML is self-contained with every
 * figure inline; a rerun gives the same bytes; a file that an earlier report did not write is
 * never replaced. On the bundled snapshot (no corpus needed) and on two real snapshots of
 * different eras.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DiffusionCounts, DiffusionResult } from '../../src/core/analyses/diffusion';
import type { TopicsResult } from '../../src/core/analyses/topics';
import { REPORT_SECTOR_COLOURS } from '../../src/core/report/figures';
import type { SharesResult, TrendsResult } from '../../src/core/trends/trends';
import { itWithCorpus } from '../support/corpus';
import { REPO, TEST_DATA } from '../support/paths';
import { assertUsageError, runCli } from '../support/runCli';

const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;
const FILES = ['report-figure-1-compute.svg', 'report-figure-2-top-k.svg', 'report-figure-3-topics.svg', 'report-figure-4-diffusion.svg', 'report.md', 'report.html'];

/** The cells of every pipe table in a Markdown text, with the header row first; Markdown escapes removed. */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (/^\|(-+:?\|)+$/.test(line.replace(/---:?/g, '-'))) continue;
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replace(/\\(.)/g, '$1'));
    if (!current) out.push((current = []));
    current.push(cells);
  }
  return out;
}

function table(md: string, firstHeaders: string[]): string[][] {
  const found = tables(md).filter((t) => firstHeaders.every((h, i) => t[0][i] === h));
  assert.equal(found.length, 1, `one table starting ${firstHeaders.join(' | ')}`);
  return found[0].slice(1);
}

/** A shown number equals `value` rounded to the digits shown (`—` for null). */
function near(cell: string, value: number | null, what: string, scale = 1): void {
  if (value === null) return assert.equal(cell, '—', what);
  const text = cell.replace(/%$/, '');
  const digits = (text.split('.')[1] ?? '').length;
  assert.ok(Math.abs(Number(text) - scale * value) <= 0.5 * 10 ** -digits + 1e-9, `${what}: shown ${cell}, JSON ${value}`);
}

interface JsonOutputs {
  trends: TrendsResult;
  shares: SharesResult;
  topics: TopicsResult;
  diffusion: DiffusionResult;
}

async function jsonOf(file: string, args: string[]): Promise<JsonOutputs> {
  const run = async (command: string, extra: string[] = []): Promise<unknown> => {
    const r = await runCli([command, file, '--json', ...args, ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  return { trends: (await run('trends')) as TrendsResult, shares: (await run('shares')) as SharesResult, topics: (await run('topics')) as TopicsResult, diffusion: (await run('diffusion')) as DiffusionResult };
}

/** Every number of report.md checked against the JSON of the four commands. Returns how many were compared. */
function checkNumbers(md: string, json: JsonOutputs): number {
  let compared = 0;
  const fits = table(md, ['Team sector', 'Segment', 'n']);
  assert.equal(fits.length, json.trends.fits.length, 'one row per fit');
  json.trends.fits.forEach((f, i) => {
    const row = fits[i];
    assert.equal(row[0], f.sector);
    assert.equal(row[1], f.segment.from === null && f.segment.to === null ? 'all time' : `${f.segment.from ?? '…'} – ${f.segment.to ?? '…'}`);
    assert.equal(Number(row[2]), f.n);
    near(row[3], f.slope_oom_per_year, 'slope');
    near(row[4], f.doubling_time_months, 'doubling time');
    near(row[5], f.slope_ci95[0], 'CI low');
    near(row[6], f.slope_ci95[1], 'CI high');
    near(row[7], f.r2, 'R²');
    compared += 7;
  });
  assert.match(md, new RegExp(`^${json.trends.points} models have a publication date and a training compute`, 'm'));

  const shares = table(md, ['Year', 'n', 'Academia']);
  assert.deepEqual(shares.map((r) => Number(r[0])), json.shares.years.map((y) => y.year));
  json.shares.years.forEach((y, i) => {
    assert.equal(Number(shares[i][1]), y.n);
    SECTORS.forEach((s, j) => near(shares[i][2 + j], y[s], `${y.year} ${s}`, 100));
    compared += 6;
  });

  const t = json.topics;
  if (t.available) {
    const rows = table(md, ['Topic', 'Models', 'With compute']);
    assert.deepEqual(rows.map((r) => r[0]), [...t.topics.map((x) => x.topic), 'All models']);
    [...t.topics, t.overall!].forEach((x, i) => {
      const r = rows[i];
      assert.equal(Number(r[1]), x.n_models);
      assert.equal(Number(r[2]), x.n_with_compute);
      near(r[3], x.median_log10_flop, 'median');
      near(r[4], x.shares.Academia, 'Academia', 100);
      near(r[5], x.shares.Industry, 'Industry', 100);
      near(r[6], x.shares.Collaboration, 'Collaboration', 100);
      near(r[7], x.shares_known_sector.Academia, 'Academia known', 100);
      assert.equal(Number(r[8]), x.top_quantile.n);
      near(r[9], x.top_quantile.shares.Academia, 'top Academia', 100);
      compared += 9;
    });
    const c = t.correlation!;
    if (c.spearman_rho !== null) {
      const m = /rho = (-?[\d.]+) over k = (\d+) topics with ≥ (\d+) models \(p = ([\d.e-]+)(?:; exact permutation p = ([\d.e-]+))?\)/.exec(md);
      assert.ok(m, 'the correlation sentence');
      near(m[1], c.spearman_rho, 'rho');
      assert.equal(Number(m[2]), c.n_topics);
      assert.equal(Number(m[3]), t.parameters.min_models);
      assert.ok(Math.abs(Number(m[4]) - c.p_value!) <= Math.abs(c.p_value!) * 5e-3, `p ${m[4]} vs ${c.p_value}`);
      if (c.p_exact === null) assert.equal(m[5], undefined);
      else assert.ok(Math.abs(Number(m[5]) - c.p_exact) <= c.p_exact * 5e-3, 'exact p');
      assert.ok(md.includes(c.caution), 'the fragility caution is beside p');
      compared += 4;
    }
    const q = /log10 training compute ≥ ([\d.]+) \(the ([\d.]+) quantile.*?Academic-only share: ([\d.]+%) of all (\d+) models, ([\d.]+%|—) of the (\d+) top-quantile models/.exec(md);
    assert.ok(q, 'the top-quantile sentence');
    near(q[1], t.top_quantile.threshold_log10_flop, 'threshold');
    assert.equal(Number(q[2]), t.top_quantile.q);
    near(q[3], t.overall!.shares.Academia, 'overall Academia', 100);
    assert.equal(Number(q[4]), t.rows_in_window);
    near(q[5], t.overall!.top_quantile.shares.Academia, 'top-quartile Academia', 100);
    assert.equal(Number(q[6]), t.top_quantile.n);
    compared += 6;
  } else assert.ok(md.includes(t.message!), 'the unavailable sentence');

  const d = json.diffusion;
  if (d.available) {
    const checkCounts = (r: string[], c: DiffusionCounts, what: string): void => {
      assert.deepEqual(r.slice(2, 6).map(Number), [c.n_models, c.n_with_base, c.n_base_matched, c.n_base_industry], what);
      assert.equal(r[6], c.n_base_industry_open === null ? '—' : String(c.n_base_industry_open), what);
      near(r[7], c.share_models_on_industry_open_base, `${what} share`, 100);
      near(r[8], c.share_industry_of_matched, `${what} industry of matched`, 100);
      compared += 7;
    };
    const periods = table(md, ['Group', 'Period']);
    let i = 0;
    for (const g of ['Academia', 'Collaboration', 'Industry', 'All'] as const) {
      for (const p of [...d.groups![g].periods, { period: 'total', ...d.groups![g].total }]) {
        assert.deepEqual(periods[i].slice(0, 2), [g, p.period]);
        checkCounts(periods[i++], p, `${g} ${p.period}`);
      }
    }
    assert.equal(i, periods.length);
    const years = table(md, ['Group', 'Year']);
    const wanted = (['Academia', 'Collaboration'] as const).flatMap((g) => d.groups![g].years.map((y) => ({ g, y })));
    assert.equal(years.length, wanted.length);
    wanted.forEach(({ g, y }, j) => {
      assert.deepEqual(years[j].slice(0, 2), [g, String(y.year)]);
      checkCounts(years[j], y, `${g} ${y.year}`);
    });
    const links = d.base_model_links!;
    assert.ok(md.includes(`Base-model links: ${links.links}, of which ${links.unmatched} name no row of the table (${links.unmatched_distinct} distinct names)`));
    if (d.unmatched_base_names.length > 0) {
      const unmatched = table(md, ['Base model name', 'References']);
      assert.equal(unmatched.length, Math.min(25, d.unmatched_base_names.length));
      unmatched.forEach((r, j) => {
        const u = d.unmatched_base_names[j];
        assert.deepEqual([r[0], Number(r[1]), ...r.slice(2, 7).map(Number)], [u.name, u.count, ...SECTORS.map((s) => u.sectors[s])]);
      });
    }
  } else assert.ok(md.includes(d.message!), 'the unavailable sentence');
  return compared;
}

/** The HTML loads nothing: no script, no stylesheet link, no src, no external url(); the four figures inline. */
function checkSelfContained(html: string, folder: string): void {
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.doesNotMatch(html, /<script/i, 'no script');
  assert.doesNotMatch(html, /<link\b/i, 'no <link>');
  assert.doesNotMatch(html, /\ssrc\s*=/i, 'no src=');
  assert.doesNotMatch(html, /@import/i, 'no @import');
  assert.doesNotMatch(html, /<(img|iframe|object|embed)\b/i, 'no external media elements');
  for (const m of html.matchAll(/url\(([^)]*)\)/g)) assert.ok(m[1].startsWith('#'), `url(${m[1]}) is local`);
  for (const m of html.matchAll(/(?:xlink:)?href="([^"]*)"/g)) assert.ok(m[1].startsWith('#') || /^https:\/\//.test(m[1]), `href ${m[1]}`);
  // Links (<a href>) are for the reader to follow; nothing else may name an http(s) address outside xmlns.
  const addresses = [...html.matchAll(/https?:\/\/[^"'\s<)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
  for (const u of addresses) assert.ok(html.includes(`<a href="${u}">`), `${u} appears only as a link`);
  assert.equal((html.match(/<svg\b/g) ?? []).length, 4, 'four inline SVG figures');
  for (const file of FILES.filter((f) => f.endsWith('.svg'))) {
    const svg = fs.readFileSync(path.join(folder, file), 'utf8');
    const body = svg.slice(svg.indexOf('<svg'));
    const afterTag = body.slice(body.indexOf('>') + 1).trimEnd();
    assert.ok(html.includes(afterTag), `${file} is inline in the HTML`);
  }
  assert.equal((html.match(/<figure id="figure-\d">\n<svg [^>]*role="img" aria-label="[^"]+"><title>/g) ?? []).length, 4, 'each figure has a text alternative');
}

describe('CLI: compute-divide report', function () {
  this.timeout(120_000);
  let tmp: string;
  let bundled: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-report-test-'));
    // The CLI reads CSV; the bundled snapshot ships gzipped.
    bundled = path.join(tmp, 'epoch-notable-ai-models.csv');
    fs.writeFileSync(bundled, gunzipSync(fs.readFileSync(path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz'))));
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the report and figure palette is the trends panel\'s', async function () {
    const { SECTOR_COLOURS } = await import('../../media/trends/sectors.js');
    assert.deepEqual(REPORT_SECTOR_COLOURS, SECTOR_COLOURS);
  });

  describe('on the bundled snapshot', function () {
    let out: string;
    let md: string;
    let html: string;
    before(async function () {
      out = path.join(tmp, 'bundled-out', 'nested');
      const r = await runCli(['report', bundled, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trimEnd().split('\n'), FILES.map((f) => path.join(out, f)), 'prints the paths written, one per line');
      md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
      html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    });

    it('every number equals trends, shares, topics and diffusion --json on the same file', async function () {
      const compared = checkNumbers(md, await jsonOf(bundled, []));
      assert.ok(compared > 500, `${compared} numbers compared`);
    });

    it('states the provenance: file, SHA-256 of its bytes, rows, snapshot date, no filters, no labels, Epoch CC BY 4.0, version', function () {
      const sha = createHash('sha256').update(fs.readFileSync(bundled)).digest('hex');
      assert.ok(md.includes(`SHA-256 \`${sha}\``));
      assert.ok(md.includes('Rows: 1,036; with a publication date: 1,031; with a training compute: 529'));
      // The bundled snapshot's metadata gives the same date (its latest publication date).
      const meta = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'epoch-notable-ai-models.json'), 'utf8')) as { snapshotDate: string };
      assert.ok(md.includes(`Snapshot date: ${meta.snapshotDate} (the latest publication date in the table; the earliest is 1950-07-02)`));
      assert.ok(md.includes('Filters: none (every row counts)'));
      assert.ok(md.includes('Labels applied: none'));
      assert.ok(md.includes('[Epoch AI, Data on Notable AI Models](https://epoch.ai/data/notable-ai-models), licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)'));
      const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
      assert.ok(md.includes(`Software: Compute Divide ${version}`));
      assert.ok(md.includes('arXiv:2401.02452'));
    });

    it('the methods paragraph and the parameter table name every parameter with its value', function () {
      const params = table(md, ['Parameter', 'Value']);
      assert.deepEqual(
        params.map((r) => [r[0], r[1]]),
        [['since', 'open'], ['until', 'open'], ['breaks', '2010-01-01, 2015-09-01'], ['top', '10'], ['by', 'domain'], ['top-quantile', '0.75'], ['min-models', '10'], ['periods', '2010-2014, 2015-2018, 2019-2022, 2023-'], ['open', 'any']],
      );
      const methods = md.slice(md.indexOf('## Methods'), md.indexOf('## References'));
      for (const phrase of ['2010-01-01 and 2015-09-01', 'top = 10', 'topics by Domain', 'top-quantile = 0.75', 'min-models = 10', 'open = any', 'Periods: 2010-2014, 2015-2018, 2019-2022, 2023-']) assert.ok(methods.includes(phrase), phrase);
    });

    it('the HTML is self-contained: no script, nothing loaded, the four SVG figures inline; report.md points at the SVG files', function () {
      checkSelfContained(html, out);
      for (const f of FILES.filter((x) => x.endsWith('.svg'))) assert.ok(md.includes(`](${f})`), f);
    });

    it('a rerun into the same folder replaces its own files with the same bytes; into another folder too', async function () {
      const before = FILES.map((f) => fs.readFileSync(path.join(out, f)));
      assert.equal((await runCli(['report', bundled, '--out', out])).code, 0);
      const other = path.join(tmp, 'bundled-again');
      assert.equal((await runCli(['report', bundled, '--out', other])).code, 0);
      FILES.forEach((f, i) => {
        assert.ok(fs.readFileSync(path.join(out, f)).equals(before[i]), `${f} byte-identical after the rerun`);
        assert.ok(fs.readFileSync(path.join(other, f)).equals(before[i]), `${f} byte-identical in another folder`);
      });
      assert.deepEqual(fs.readdirSync(out).sort(), [...FILES].sort(), 'no temporary file left behind');
    });
  });

  describe('never replaces a file the user did not ask for', function () {
    it('a report.md of the user\'s own: exit 2, one line naming it, nothing written, the file untouched', async function () {
      const out = path.join(tmp, 'mine');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'report.md'), '# My notes\n');
      const r = await runCli(['report', bundled, '--out', out]);
      assertUsageError(r, /report\.md exists and was not written by compute-divide report; nothing was written/);
      assert.equal(fs.readFileSync(path.join(out, 'report.md'), 'utf8'), '# My notes\n');
      assert.deepEqual(fs.readdirSync(out), ['report.md']);
    });

    it('a figure name taken by a link or a folder: refused the same way', async function () {
      const out = path.join(tmp, 'link');
      fs.mkdirSync(out);
      fs.symlinkSync(bundled, path.join(out, 'report-figure-1-compute.svg'));
      assertUsageError(await runCli(['report', bundled, '--out', out]), /report-figure-1-compute\.svg is a symbolic link/);
      assert.deepEqual(fs.readdirSync(out), ['report-figure-1-compute.svg']);
      const out2 = path.join(tmp, 'folder');
      fs.mkdirSync(path.join(out2, 'report.html'), { recursive: true });
      assertUsageError(await runCli(['report', bundled, '--out', out2]), /report\.html exists and is not a file/);
    });

    it('--out naming a file, and bad option values: exit 2, one line, nothing written', async function () {
      assertUsageError(await runCli(['report', bundled, '--out', bundled]), /is not a folder/);
      const out = path.join(tmp, 'bad-options');
      assertUsageError(await runCli(['report', bundled, '--out', out, '--top', '0']), /--top/);
      assertUsageError(await runCli(['report', bundled, '--out', out, '--since', '2023-02-30']), /--since/);
      assertUsageError(await runCli(['report', bundled, '--out', out, '--by', 'venue']), /--by/);
      assertUsageError(await runCli(['report', path.join(tmp, 'missing.csv'), '--out', out]), /no such file/);
      assert.equal(fs.existsSync(out), false, 'no folder made for a refused run');
    });
  });

  itWithCorpus('notable_ai_models_2026-07.csv with --since 2010-01-01, --top 5, --by task and a label log: numbers equal the commands\' JSON; labels stated', async function () {
    const file = path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv');
    const log = path.join(tmp, 'labels.jsonl');
    assert.equal((await runCli(['label', log, '--annotator', 'ada', '--organization', 'Google DeepMind', '--category', 'Academia'])).code, 0);
    assert.equal((await runCli(['label', log, '--annotator', 'grace', '--paper', 'GPT-4', '--field', 'teamSector', '--value', 'Academia'])).code, 0);
    const args = ['--since', '2010-01-01', '--labels', log];
    const out = path.join(tmp, 'notable');
    const r = await runCli(['report', file, '--out', out, '--top', '5', '--by', 'task', ...args]);
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    const json = await jsonOf(file, args);
    const byTask: JsonOutputs = {
      ...json,
      shares: JSON.parse((await runCli(['shares', file, '--json', '--top', '5', ...args])).stdout) as SharesResult,
      topics: JSON.parse((await runCli(['topics', file, '--json', '--by', 'task', ...args])).stdout) as TopicsResult,
    };
    assert.ok(checkNumbers(md, byTask) > 300);
    assert.ok(byTask.shares.years.every((y) => y.n <= 5));
    // The labels changed the numbers (GPT-4 and Google DeepMind's models count as academic now).
    const unlabelled = JSON.parse((await runCli(['topics', file, '--json', '--by', 'task', '--since', '2010-01-01'])).stdout) as TopicsResult;
    assert.notEqual(unlabelled.overall!.sector_counts.Academia, byTask.topics.overall!.sector_counts.Academia);
    const logSha = createHash('sha256').update(fs.readFileSync(log)).digest('hex');
    assert.ok(md.includes(`Labels applied: \`labels.jsonl\` (SHA-256 \`${logSha}\`): 2 events by 2 annotators (ada, grace), labelling 1 organization, 1 paper and 0 base models`));
    assert.ok(md.includes('Filters: Published on or after `2010-01-01`'));
    assert.deepEqual(table(md, ['Parameter', 'Value']).slice(0, 5).map((x) => x[1]), ['2010-01-01', 'open', '2010-01-01, 2015-09-01', '5', 'task']);
    checkSelfContained(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), out);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  itWithCorpus('all_ml_systems_full_view_2023-12-14.csv (the paper\'s era) with defaults: numbers equal the commands\' JSON', async function () {
    const file = path.join(TEST_DATA, 'epoch', 'all_ml_systems_full_view_2023-12-14.csv');
    const out = path.join(tmp, 'paper-era');
    const r = await runCli(['report', file, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assert.ok(checkNumbers(md, await jsonOf(file, [])) > 300);
    assert.ok(md.includes('[Epoch AI, Data on AI Models](https://epoch.ai/data/ai-models)'));
    assert.ok(md.includes('Snapshot date: 2023-'), 'dated by its latest publication date');
    checkSelfContained(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), out);
  }, ['epoch/all_ml_systems_full_view_2023-12-14.csv']);

  itWithCorpus('pcd_notable_ml_systems_2022-09.csv (no Base model column): the diffusion section says why, the rest is reported', async function () {
    const file = path.join(TEST_DATA, 'epoch', 'pcd_notable_ml_systems_2022-09.csv');
    const out = path.join(tmp, 'pcd');
    const r = await runCli(['report', file, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    const json = await jsonOf(file, []);
    assert.equal(json.diffusion.available, false);
    checkNumbers(md, json);
    assert.ok(md.includes('This table has no "Base model" column'));
  }, ['epoch/pcd_notable_ml_systems_2022-09.csv']);
});
