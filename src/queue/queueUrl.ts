/** The `--queue` URL, checked without loading BullMQ or ioredis (every CLI start imports this). */
/**
 * A `redis://host:port/db` URL checked before a connection is tried (a typo would otherwise be retried
 * forever). BullMQ and ioredis are loaded only by the commands that use them.
 */
export function queueUrlToChecked(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url} (--queue takes redis://host:port/db)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Error(`--queue takes redis://host:port/db (or rediss://), not ${url}`);
  return url;
}
