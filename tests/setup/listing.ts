/** The commands of the vitest CLI; the first of them on the command line is the one it runs. */
const COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'init']);

/**
 * `vitest list` runs the projects' global setups too, although it only
 * collects the suites: listing on a clean checkout would build the web app
 * and install Chromium. The setups run in the CLI's own process, so its
 * command tells them apart (`vitest --project infra list` included).
 */
export function onlyListing(argv: readonly string[] = process.argv): boolean {
  return argv.slice(2).find((a) => COMMANDS.has(a)) === 'list';
}
