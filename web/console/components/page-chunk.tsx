import { Component, type ReactNode, Suspense } from 'react';
import { useI18n } from '../lib/i18n';
import { Loading } from './common';

/**
 * Where a page's own chunk loads (app.tsx splits every page but sign-in off
 * the entry, docs/DESIGN.md §7). While it loads: a status line in the chosen
 * language (Japanese unless switched) that screen readers announce, and the
 * region marked busy. If the chunk cannot be fetched (offline, or a new
 * release replaced it), or the page fails while rendering, an alert with a
 * reload button inside the shell instead of a blank window.
 */
export function PageChunk({ children }: { children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense fallback={<ChunkLoading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}

function ChunkLoading() {
  const { t } = useI18n();
  return (
    <div aria-busy="true">
      <Loading label={t('loadingPage')} />
    </div>
  );
}

function ChunkFailed({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>{t('errorTitle')}</strong>
      </p>
      <p>{isChunkError(error) ? t('pageLoadFailed') : error.message}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('reloadPage')}
        </button>
      </p>
    </div>
  );
}

/** A page that cannot load or render shows an alert in the shell, not a blank window. */
class ChunkBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? <ChunkFailed error={this.state.error} /> : this.props.children;
  }
}

/** Browsers word a failed dynamic import differently; Vite's preload helper adds its own. */
function isChunkError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload CSS/i.test(
    error.message,
  );
}
