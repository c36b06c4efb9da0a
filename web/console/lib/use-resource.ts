import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from './api';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  /** When the data last arrived. */
  loadedAt: Date | undefined;
  reload(): void;
}

/**
 * GETs a URL (none while `url` is null) and, with `refreshMs`, again on that
 * interval while the page is visible. Keeps the last data during a refresh.
 */
export function useResource<T>(url: string | null, options: { refreshMs?: number } = {}): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; loadedAt?: Date }>({
    loading: url !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (url === null) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api
      .get<T>(url, controller.signal)
      .then((data) => {
        if (alive.current) setState({ data, loading: false, loadedAt: new Date() });
      })
      .catch((error: Error) => {
        if (controller.signal.aborted || !alive.current) return;
        setState((s) => ({ ...s, error, loading: false }));
      });
    return () => controller.abort();
  }, [url, tick]);

  useEffect(() => {
    if (!options.refreshMs || url === null) return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((t) => t + 1);
    }, options.refreshMs);
    return () => window.clearInterval(id);
  }, [options.refreshMs, url]);

  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    loadedAt: state.loadedAt,
    reload,
  };
}

export { ApiError };
