/**
 * `vitest list` runs the projects' global setups too, although it only
 * collects the suites: listing on a clean checkout would build the web app
 * and install Chromium. The setups run in the CLI's own process, so its
 * command tells them apart.
 */
export function onlyListing(argv: readonly string[] = process.argv): boolean {
  return argv.slice(2).find((a) => !a.startsWith('-')) === 'list';
}
