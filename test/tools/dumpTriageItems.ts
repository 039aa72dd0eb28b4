/**
 * Writes the input of test/tools/triage_order_oracle.py: the papers that need attention in a real
 * Epoch table with no labels (`needsAttention`, table order), each with its open organizations and
 * publication date. Usage: node --import tsx test/tools/dumpTriageItems.ts TABLE.csv OUT.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { needsAttention } from '../../src/core/labels/organizations';
import { loadDataset } from '../../src/core/dataset/loadDataset';

const [table, out] = process.argv.slice(2);
const dataset = loadDataset(readFileSync(table), path.basename(table, '.csv'));
const byId = new Map(dataset.papers.map((p) => [p.id, p]));
const items = needsAttention(dataset, foldLabels([])).map((i) => ({ ...i, date: byId.get(i.paperId)?.publicationDate ?? '' }));
writeFileSync(out, `${JSON.stringify({ table: path.basename(table), items }, null, 1)}\n`);
console.log(`${items.length} items`);
