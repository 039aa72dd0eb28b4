import { vscodeSettingValues } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { SETTING, settings, updateSetting } from '../../src/host/settings';

/**
 * The typed settings module: every getter gives a usable value whatever the user wrote in
 * settings.json (a wrong type, an unknown triage order, a negative cap), and writes go to the key
 * package.json declares.
 */
describe('settings: one typed module for computeDivide.*', function () {
  afterEach(() => {
    for (const key of Object.keys(vscodeSettingValues)) delete vscodeSettingValues[key];
  });

  it('gives the defaults of package.json when nothing is set', function () {
    assert.equal(settings.dataset(), '');
    assert.equal(settings.downloadUrl(), 'https://epoch.ai/data/notable_ai_models.csv');
    assert.equal(settings.downloadMaxBytes(), 200e6);
    assert.equal(settings.annotator(), '');
    assert.equal(settings.blindCoding(), false);
    assert.equal(settings.triageOrder(), 'resolves-most');
    assert.equal(settings.labelLog(), '.compute-divide/labels.jsonl');
    assert.deepEqual(settings.sources(), []);
    assert.equal(settings.topicMapping()['cs.CL'], 'Language');
  });

  it('reads literature sources and topic rules, dropping what is not usable', function () {
    Object.assign(vscodeSettingValues, { sources: [' refs/lib.bib ', '', 7, 'data/**/*.jsonl.gz'], topicMapping: { 'cs.IR': 'Recommendation', 'cs.CL': null, bad: 3 } });
    assert.deepEqual(settings.sources(), ['refs/lib.bib', 'data/**/*.jsonl.gz']);
    const mapping = settings.topicMapping();
    assert.equal(mapping['cs.IR'], 'Recommendation');
    assert.equal(mapping['cs.CL'], null, 'a user rule replaces the built-in one');
    assert.equal('bad' in mapping, false);
    assert.equal(mapping['cs.CV'], 'Vision', 'built-in rules stay');
    vscodeSettingValues.sources = 'lib.bib';
    assert.deepEqual(settings.sources(), [], 'not an array: no sources');
  });

  it('falls back to the default for mistyped or out-of-range values', function () {
    Object.assign(vscodeSettingValues, { dataset: 42, downloadUrl: '   ', downloadMaxMegabytes: -5, blindCoding: 'yes', triageOrder: 'random', labelLog: '' });
    assert.equal(settings.dataset(), '');
    assert.equal(settings.downloadUrl(), 'https://epoch.ai/data/notable_ai_models.csv');
    assert.equal(settings.downloadMaxBytes(), 200e6);
    assert.equal(settings.blindCoding(), false);
    assert.equal(settings.triageOrder(), 'resolves-most');
    assert.equal(settings.labelLog(), '.compute-divide/labels.jsonl');
    vscodeSettingValues.downloadMaxMegabytes = Number.POSITIVE_INFINITY;
    assert.equal(settings.downloadMaxBytes(), 200e6);
  });

  it('reads valid values, trimmed, and caps in bytes', function () {
    Object.assign(vscodeSettingValues, { dataset: ' data/t.csv ', downloadMaxMegabytes: 12.5, annotator: ' ana ', blindCoding: true, triageOrder: 'newest', labelLog: 'labels/x.jsonl' });
    assert.equal(settings.dataset(), 'data/t.csv');
    assert.equal(settings.downloadMaxBytes(), 12.5e6);
    assert.equal(settings.annotator(), 'ana');
    assert.equal(settings.blindCoding(), true);
    assert.equal(settings.triageOrder(), 'newest');
    assert.equal(settings.labelLog(), 'labels/x.jsonl');
  });

  it('declares exactly the keys package.json contributes, and writes to them', async function () {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json') as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^computeDivide\./, '')).sort();
    assert.deepEqual(Object.values(SETTING).sort(), declared);
    await updateSetting(SETTING.triageOrder, 'table');
    assert.equal(settings.triageOrder(), 'table');
  });
});
