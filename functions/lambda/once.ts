/**
 * Runs `make` on the first call and shares its promise afterwards; a failure
 * is forgotten so the next invocation tries again (a secret briefly
 * unreachable must not poison a warm function).
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = make();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
