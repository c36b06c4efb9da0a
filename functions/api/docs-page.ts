export function renderDocs(_doc: Record<string, unknown>): string {
  return '<!doctype html><title>x</title>';
}
