/**
 * Text from the data (a table cell, a label-log field, a file path) made safe to put into
 * Markdown: every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be
 * escaped, and an escaped one is always shown as itself), so `*`, `_`, `[`, `]`, `(`, `)`, `` ` ``,
 * `<`, `>`, `#`, `|`, `!`, `\`, `~`, `&` and `$` lose their meaning: no emphasis, link, image,
 * HTML, heading, table, entity or `$(icon)`; escaping `:` and `.` also stops GFM autolinks
 * (`https://…`, `www.…`). Line breaks become spaces so a value cannot start a block of its own.
 * Returns the escaped text; never throws. Source: the security review of issue #9, item 7.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
