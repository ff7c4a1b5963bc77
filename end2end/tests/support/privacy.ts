// Watches everything a visitor who has not signed in can read, for the whole life of a
// spec's server: every public event stream from start to stop, and the public pages at
// the end. At stop, the text is scanned for the personal data the database then holds
// (every customer's name and phone, every vehicle's plate and VIN): one hit fails the spec.
import { execFileSync } from 'node:child_process';

/** Channels anyone may open without signing in (the track channel needs its secret token). */
const PUBLIC_CHANNELS = ['lounge', 'bays', 'bay/1', 'bay/2', 'bay/3', 'bay/4', 'bay/5', 'bay/6'];
/** Pages anyone may open without signing in. */
const PUBLIC_PAGES = ['/', '/lounge', '/bays', '/kiosk', '/bay/1', '/bay/3', '/desk'];
/** Text kept per channel; far above what a spec produces, bounded all the same. */
const MAX_TEXT = 20_000_000;

export interface PrivacyWatch {
  /** Stops watching, reads the public pages, and throws if any of it is personal. */
  check(dbPath: string): Promise<void>;
  /** Stops watching without checking (the server failed to start). */
  stop(): void;
}

export function watchPublicChannels(baseURL: string): PrivacyWatch {
  const abort = new AbortController();
  const seen = new Map<string, string>();
  for (const channel of PUBLIC_CHANNELS) {
    seen.set(channel, '');
    void follow(baseURL, channel, abort.signal, (text) => {
      const sofar = seen.get(channel) ?? '';
      if (sofar.length < MAX_TEXT) seen.set(channel, sofar + text);
    });
  }
  return {
    stop: () => abort.abort(),
    async check(dbPath: string) {
      for (const page of PUBLIC_PAGES) {
        const res = await fetch(`${baseURL}${page}`).catch(() => undefined);
        if (res) seen.set(`page ${page}`, await res.text());
      }
      abort.abort();
      const { personal, rows } = personalData(dbPath);
      // A store with no customer yet (a first start without demo data) has nothing to leak;
      // customers whose data cannot be read mean the scan itself is broken.
      if (personal.length === 0 && rows > 0) throw new Error('privacy scan: no personal data found to scan for');
      const leaks: string[] = [];
      for (const [where, text] of seen) {
        for (const secret of personal) {
          if (text.includes(secret)) leaks.push(`${where} shows ${JSON.stringify(secret)}`);
        }
      }
      if (leaks.length > 0) throw new Error(`personal data on public screens:\n${leaks.join('\n')}`);
    },
  };
}

/** Follows one stream (reconnecting across restarts) until `signal` aborts. */
async function follow(
  baseURL: string,
  channel: string,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<void> {
  let lastId: string | undefined;
  const decoder = new TextDecoder();
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = lastId ? { 'Last-Event-ID': lastId } : {};
      const res = await fetch(`${baseURL}/api/v1/events/${channel}`, { headers, signal });
      if (!res.ok || !res.body) throw new Error(`status ${res.status}`);
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        onText(text);
        const ids = [...text.matchAll(/^id: (\d+)$/gm)];
        if (ids.length > 0) lastId = ids[ids.length - 1][1];
      }
    } catch {
      // server restarting or stopping: try again unless we were told to stop
    }
    if (!signal.aborted) await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every customer's name and phone, every plate and VIN, as the database holds them. */
function personalData(dbPath: string): { personal: string[]; rows: number } {
  const script = [
    'import json, sqlite3, sys',
    'db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)',
    'rows = db.execute("SELECT name, phone FROM customers").fetchall()',
    'rows += db.execute("SELECT plate, vin FROM vehicles").fetchall()',
    'print(json.dumps({"values": [v for r in rows for v in r if v], "rows": len(rows)}))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script, dbPath], { encoding: 'utf8' });
  const found = JSON.parse(out) as { values: string[]; rows: number };
  return { personal: found.values.filter((v) => v.trim().length >= 2), rows: found.rows };
}
