/** A user-facing CLI failure: printed as one line on stderr, exit status 2 (spec cli.md, "Errors"). */
export class CliError extends Error {}
