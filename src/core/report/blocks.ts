/**
 * The findings report as a list of blocks (headings, paragraphs, tables, figures), rendered to
 * Markdown and to self-contained HTML from the same blocks, so both files carry the same numbers.
 */
/**
 * Text made safe for Markdown, keeping numbers and prose readable (`0.613`, `19.0%`, `rho = -0.456`):
 * the characters that start markup inline are backslash-escaped (`\`, `` ` ``, `*`, `_`, `[`, `]`,
 * `<`, `>`, `|`, `#`, `!`, `~`, `&`, `$`), so data text can make no link, image, HTML, entity or
 * emphasis; `://` and `www.` are broken up so GFM makes no autolink; line breaks become spaces; at
 * the start of a line a list or heading marker is escaped too (issue #9's review, item 7, asks the
 * same of every Markdown the product writes).
 */
export function escapeMarkdown(text: string, lineStart = false): string {
  let out = text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]<>|#!~&$]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
  if (lineStart) out = out.replace(/^([-+=]|\d+[.)])/, '\\$1');
  return out;
}

export type Inline = string | { code: string } | { em: string } | { link: string; text: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  /** `align`: one letter per column, `l` or `r`; cells are plain text. */
  | { kind: 'table'; header: string[]; align: string; rows: string[][] }
  /** A figure: `file` is the SVG beside the report; `alt` its text alternative. */
  | { kind: 'figure'; id: string; file: string; alt: string; caption: string };

/** The first line of every report file: how a later run knows the file is a report it may replace. */
export const REPORT_MARKER = 'compute-divide report';

/**
 * Render blocks as GitHub-flavoured Markdown: data text escaped (`escapeMarkdown`), tables as pipe
 * tables, figures as images pointing at the SVG files beside the report. The first line is an HTML
 * comment with `REPORT_MARKER`. Deterministic: the same blocks give the same bytes. Never throws.
 */
export function renderMarkdown(blocks: readonly Block[], version: string): string {
  const out: string[] = [`<!-- ${REPORT_MARKER} (Compute Divide ${version}); running the report again replaces this file -->`, ''];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, '');
        break;
      case 'paragraph':
        out.push(block.inlines.map((inline, i) => inlineMarkdown(inline, i === 0)).join(''), '');
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${item.map((inline) => inlineMarkdown(inline)).join('')}`), '');
        break;
      case 'table': {
        const cell = (text: string): string => escapeMarkdown(text);
        out.push(`| ${block.header.map(cell).join(' | ')} |`);
        out.push(`|${[...block.align].map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`);
        for (const row of block.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
        out.push('');
        break;
      }
      case 'figure':
        out.push(`![${escapeMarkdown(block.alt)}](${block.file})`, '', `*${escapeMarkdown(block.caption)}*`, '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function inlineMarkdown(inline: Inline, lineStart = false): string {
  if (typeof inline === 'string') return escapeMarkdown(inline, lineStart);
  if ('code' in inline) return `\`${inline.code.replace(/`/g, "'")}\``;
  if ('em' in inline) return `*${escapeMarkdown(inline.em)}*`;
  return `[${escapeMarkdown(inline.text)}](${inline.link})`;
}

/** `&`, `<`, `>`, `"` and `'` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font:15px/1.5 Helvetica,Arial,sans-serif;color:#1f1f1f;background:#fff;max-width:1000px;margin:2em auto;padding:0 1em}
h1,h2,h3{line-height:1.25}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#f3f3f3}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}code{font-size:90%;background:#f3f3f3;padding:0 .2em}
figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:13px}a{color:#0b5cad}
@media print{body{margin:0;max-width:none}h2{break-before:auto}figure,table{break-inside:avoid}}`;

/**
 * Render blocks as one self-contained HTML page: the style inline, each figure's SVG inline
 * (`svgs` by figure id; its `<title>` and `aria-label` give the text alternative), no script and
 * nothing loaded from anywhere (links are plain `<a>`). The `generator` meta carries
 * `REPORT_MARKER`. Deterministic. Throws an Error when a figure's SVG is missing from `svgs`.
 */
export function renderHtml(blocks: readonly Block[], svgs: ReadonlyMap<string, string>, version: string, title: string): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="${REPORT_MARKER} (Compute Divide ${escapeHtml(version)})">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
  ];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`);
        break;
      case 'paragraph':
        out.push(`<p>${block.inlines.map(inlineHtml).join('')}</p>`);
        break;
      case 'list':
        out.push('<ul>', ...block.items.map((item) => `<li>${item.map(inlineHtml).join('')}</li>`), '</ul>');
        break;
      case 'table': {
        const cls = (i: number): string => (block.align[i] === 'r' ? ' class="r"' : '');
        out.push('<table>', `<thead><tr>${block.header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
        for (const row of block.rows) out.push(`<tr>${row.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`);
        out.push('</tbody>', '</table>');
        break;
      }
      case 'figure': {
        const svg = svgs.get(block.id);
        if (svg === undefined) throw new Error(`no SVG for figure ${block.id}`);
        out.push(`<figure id="${escapeHtml(block.id)}">`, accessibleSvg(svg, block.alt), `<figcaption>${escapeHtml(block.caption)}</figcaption>`, '</figure>');
        break;
      }
    }
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

/** The SVG with `role="img"`, an `aria-label` and a `<title>`, without any XML prolog or comment before it. */
function accessibleSvg(svg: string, alt: string): string {
  const start = svg.indexOf('<svg');
  const body = svg.slice(start);
  const tagEnd = body.indexOf('>');
  return `${body.slice(0, tagEnd)} role="img" aria-label="${escapeHtml(alt)}"><title>${escapeHtml(alt)}</title>${body.slice(tagEnd + 1)}`.trimEnd();
}

function inlineHtml(inline: Inline): string {
  if (typeof inline === 'string') return escapeHtml(inline);
  if ('code' in inline) return `<code>${escapeHtml(inline.code)}</code>`;
  if ('em' in inline) return `<em>${escapeHtml(inline.em)}</em>`;
  return `<a href="${escapeHtml(inline.link)}">${escapeHtml(inline.text)}</a>`;
}
