import { Command, CommanderError } from 'commander';
import { summaryCommand } from './summaryCommand';
import { addFilterOptions, trendsCommand, type TrendsOptions } from './trendsCommand';
import { sharesCommand, type SharesOptions } from './sharesCommand';
import { CliError } from './cliError';
import { labelCommand, type LabelOptions } from './labelCommand';
import { topicsCommand, type TopicsOptions } from './topicsCommand';
import { diffusionCommand, type DiffusionOptions } from './diffusionCommand';
import { reportCommand, type ReportOptions } from './reportCommand';
import { exportCommand, type ExportOptions } from './exportCommand';
import { escapeForTerminal } from '../core/text/displaySafe';
import packageJson from '../../package.json';

/**
 * `compute-divide`: the extension's analyses, headless (spec `../shared/spec/cli.md`). Usage
 * errors and unreadable inputs print one line on stderr and exit with status 2; nothing goes to
 * stdout then. Commander parses the arguments (see README: why commander).
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo): Promise<number> {
  // Everything printed passes one guard: no control character from a file reaches the terminal raw (issue #9).
  const io: CliIo = { stdout: (text) => rawIo.stdout(escapeForTerminal(text)), stderr: (text) => rawIo.stderr(escapeForTerminal(text)) };
  const program = new Command('compute-divide')
    .description('Compute Divide: who builds machine learning, from Epoch AI model tables')
    .version(packageJson.version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: () => undefined })
    .showHelpAfterError(false);
  let result: Promise<void> = Promise.resolve();
  program
    .command('summary')
    .description('rows, dates, training compute and team sectors of an Epoch table; records, works after merging and their team sectors of several files or of the literature')
    .argument('<file...>', 'Epoch AI model table (CSV), or files of the literature: BibTeX, RIS, CSL-JSON, arXiv, OpenAlex, Semantic Scholar, institutions data')
    .option('--json', 'print one JSON object')
    .option('--labels <file>', 'label log (JSON Lines) to apply')
    .action((files: string[], options: { json?: boolean; labels?: string }) => {
      result = summaryCommand(files, options, io);
    });
  program
    .command('export')
    .description('the works of the literature, merged and labelled, with decisions and team sectors, as RIS, BibTeX, CSL-JSON or CSV')
    .argument('<file...>', 'files of the literature (and an Epoch table to join), any format summary reads')
    .requiredOption('--out <file>', 'where to write: OUT.ris, OUT.bib, OUT.json (CSL-JSON) or OUT.csv; never an input file')
    .option('--labels <file>', 'label log (JSON Lines) to apply')
    .option('--force', 'replace OUT when it exists (never an input)')
    .option('--include-models', 'also export the Epoch rows that no work of the literature joined')
    .action((files: string[], options: ExportOptions) => {
      result = exportCommand(files, options, io);
    });
  addFilterOptions(
    program
      .command('trends')
      .description('training-compute trends by team sector and era: OOM/year, doubling time, 95% CI')
      .argument('<file>', 'Epoch AI model table (CSV)')
      .option('--json', 'print one JSON object')
      .option('--breaks <dates>', 'segment break dates YYYY-MM-DD,YYYY-MM-DD ("" for one segment)')
      .option('--frontier [definition]', 'also fit the frontier: top-k (each year\'s k largest, the default), sector-top-k (each sector\'s k largest) or flag (Epoch\'s "Frontier model" column)')
      .option('--top <k>', 'k of the frontier\'s top-k (default 10)'),
  ).action((file: string, options: TrendsOptions) => {
    result = trendsCommand(file, options, io);
  });
  addFilterOptions(
    program
      .command('shares')
      .description("each team sector's share of the year's largest models by training compute")
      .argument('<file>', 'Epoch AI model table (CSV)')
      .option('--json', 'print one JSON object')
      .option('--top <k>', 'how many of the largest models per year (default 10)')
      .option('--large-scale <definition>', 'which models are large-scale: top-k (default), threshold or residual')
      .option('--threshold <flop>', 'training compute of the threshold definition, FLOP (default 1e23)')
      .option('--z <z>', 'z-score above the all-model trend of the residual definition (default 1)')
      .option('--breaks <dates>', 'segment break dates of the residual definition\'s fit (as for trends)'),
  ).action((file: string, options: SharesOptions) => {
    result = sharesCommand(file, options, io);
  });
  addFilterOptions(
    program
      .command('topics')
      .description('academic-only teams by topic versus the topic\'s training compute: shares, top quantile, Spearman\'s rho')
      .argument('<file>', 'Epoch AI model table (CSV)')
      .option('--json', 'print one JSON object')
      .option('--by <cell>', 'topics from the domain or the task cell: domain or task (default domain)')
      .option('--top-quantile <q>', 'quantile of training compute that starts the top rows, 0 to 1 (default 0.75)')
      .option('--min-models <n>', 'fewest models a topic needs to enter the correlation (default 10)')
      .option('--periods <list>', 'periods of the time view (default 2010-2014,2015-2018,2019-2022,2023-)'),
  ).action((file: string, options: TopicsOptions) => {
    result = topicsCommand(file, options, io);
  });
  addFilterOptions(
    program
      .command('diffusion')
      .description('models built on an industry base model with open weights, per team sector, year and period')
      .argument('<file>', 'Epoch AI model table (CSV)')
      .option('--json', 'print one JSON object')
      .option('--open <mode>', 'which releases count as open weights: any or unrestricted (default any)')
      .option('--periods <list>', 'periods (default 2010-2014,2015-2018,2019-2022,2023-)'),
  ).action((file: string, options: DiffusionOptions) => {
    result = diffusionCommand(file, options, io);
  });
  addFilterOptions(
    program
      .command('report')
      .description('the three findings as report.md and report.html with SVG figures: trends and fits, top-k shares, topics, diffusion, with provenance and parameters')
      .argument('<file>', 'Epoch AI model table (CSV)')
      .option('--out <dir>', 'folder to write report.md, report.html and the figures into (default: the current folder)')
      .option('--breaks <dates>', 'segment break dates of the trend fits (as for trends)')
      .option('--top <k>', 'largest models per year for the top-k shares (default 10)')
      .option('--by <cell>', 'topics from the domain or the task cell (default domain)')
      .option('--top-quantile <q>', 'quantile of training compute that starts the top rows (default 0.75)')
      .option('--min-models <n>', 'fewest models a topic needs to enter the correlation (default 10)')
      .option('--periods <list>', 'periods (default 2010-2014,2015-2018,2019-2022,2023-)')
      .option('--open <mode>', 'which releases count as open weights: any or unrestricted (default any)'),
  ).action((file: string, options: ReportOptions) => {
    result = reportCommand(file, options, io);
  });
  let status: Promise<number> | undefined;
  program
    .command('label')
    .description('append label events to a label log: one, or one per row of a CSV (kind,name_or_id,field,value,reason)')
    .argument('<log>', 'label log (JSON Lines), e.g. .compute-divide/labels.jsonl')
    .option('--annotator <name>', 'who made the labels')
    .option('--organization <name>', 'an organization to label (with --category)')
    .option('--category <category>', 'Academia, Industry, Government, Research collective or Non-profit (null retracts)')
    .option('--paper <id>', 'a paper id (with --field and --value)')
    .option('--field <field>', 'teamSector, decision, topic or note')
    .option('--value <value>', 'the value (null retracts)')
    .option('--reason <text>', 'why, kept with the label')
    .option('--from <file>', 'a CSV with the header kind,name_or_id,field,value,reason')
    .action((log: string, options: LabelOptions) => {
      status = labelCommand(log, options, io);
    });
  if (argv.length === 0) {
    io.stderr(`compute-divide: no command given; expected one of: summary, export, trends, shares, topics, diffusion, report, label (try --help)\n`);
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    await result;
    if (status) return await status;
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      // One line only: commander may add a "(Did you mean …?)" line.
      io.stderr(`compute-divide: ${error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`compute-divide: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
