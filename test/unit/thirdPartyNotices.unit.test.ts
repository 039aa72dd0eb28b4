import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { BundledPackage } from '../../scripts/third-party-notices.mjs' with { 'resolution-mode': 'import' };
import { REPO } from '../support/paths';

const installed = (name: string): string => (JSON.parse(readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('Third-party notices list what the build bundles (issue #9, item 7)', function () {
  this.timeout(120_000);
  let packages: BundledPackage[];
  let markdown: string;

  before(async function () {
    // The scripts are ES modules; this test file is compiled as CommonJS, hence dynamic imports.
    const { buildTargets } = await import('../../scripts/buildTargets.mjs');
    const { bundledPackages, noticesMarkdown } = await import('../../scripts/third-party-notices.mjs');
    // The real build's targets, in memory (nothing written to dist/).
    const results = await Promise.all(buildTargets({ production: true }).map((options) => esbuild.build({ ...options, absWorkingDir: REPO, write: false, logLevel: 'silent' })));
    packages = bundledPackages(results.map((r) => r.metafile!), REPO);
    markdown = noticesMarkdown(packages);
  });

  it('lists fuse.js (Apache-2.0), csv-parse (MIT) and vega (BSD-3-Clause) with their licence texts', function () {
    const byName = new Map(packages.map((p) => [p.name, p]));
    const expected: [string, string, RegExp][] = [
      ['fuse.js', 'Apache-2.0', /Apache License\s+Version 2\.0/],
      ['csv-parse', 'MIT', /Permission is hereby granted, free of charge/],
      ['vega', 'BSD-3-Clause', /Redistribution and use in source and binary forms/],
    ];
    for (const [name, license, text] of expected) {
      const entry = byName.get(name);
      assert.ok(entry, `${name} is bundled`);
      assert.equal(entry.license, license);
      assert.equal(entry.version, installed(name));
      assert.match(entry.texts.map((t) => t.text).join('\n'), text);
    }
    assert.match(markdown, new RegExp(`\\| fuse\\.js \\| ${installed('fuse.js').replace(/\./g, '\\.')} \\| Apache-2\\.0 \\|`));
    assert.match(markdown, /## vega \d+\.\d+\.\d+\n\nLicence: BSD-3-Clause/);
  });

  it('lists no package that is installed but not bundled (test and build tools)', function () {
    const names = new Set(packages.map((p) => p.name));
    for (const name of ['mocha', 'markdown-it', 'esbuild', 'typescript', 'playwright-core']) assert.equal(names.has(name), false, name);
    for (const p of packages) assert.notEqual(p.license, 'UNKNOWN', p.name);
  });
});
