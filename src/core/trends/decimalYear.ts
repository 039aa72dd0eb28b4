/**
 * Calendar dates as decimal years: the functions live in src/shared/decimalYear.ts, since the
 * Findings webview works out its points' x from their dates with the same arithmetic
 * (src/shared/trendsWire.ts); core and the CLI import them from here.
 */
export { decimalYear, isIsoDate, isLeapYear, parseIsoDate, type CalendarDate } from '../../shared/decimalYear';
