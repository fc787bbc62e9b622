import { FileReadError, isFileReadError } from './errors/file-read-error.js';
import type { FetchFn } from './respond.js';

/** The fields of a Slack file object that k8sfix reads (message events carry them in `files`). */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  mode?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

export interface ReadFilesOptions {
  botToken: string;
  maxBytes: number;
  /** Hosts that may receive the bot token: Slack's, plus the host of SLACK_API_URL when set. */
  trustedHosts: string[];
  fetch?: FetchFn;
  /** At most this many files per message. Default 5. */
  maxFiles?: number;
}

const TEXT_FILETYPES = new Set(['text', 'log', 'yaml', 'json', 'xml', 'shell', 'markdown', 'csv', 'diff', 'go', 'python', 'javascript', 'ini', 'toml']);
const TEXT_MIMETYPES = /^(text\/|application\/(json|x-ndjson|x-yaml|yaml|xml|x-sh|toml))/;

/** Slack's own file hosts; the bot token is sent nowhere else. */
export const SLACK_FILE_HOSTS = ['files.slack.com', 'slack-files.com'];

/**
 * Reads the text snippets and log files shared with a message, up to a size limit each. A file that is too
 * large, not text, or cannot be downloaded is skipped with a note the answer can show; nothing here throws.
 */
export async function readTextFiles(files: SlackFile[], options: ReadFilesOptions): Promise<{ texts: string[]; notes: string[] }> {
  const texts: string[] = [];
  const notes: string[] = [];
  for (const file of files.slice(0, options.maxFiles ?? 5)) {
    try {
      texts.push(await readOne(file, options));
    } catch (error) {
      notes.push(isFileReadError(error) ? error.message : `skipped a file: ${String(error)}`);
    }
  }
  return { texts, notes };
}

async function readOne(file: SlackFile, options: ReadFilesOptions): Promise<string> {
  const name = file.name ?? file.title ?? file.id ?? 'file';
  const isText = file.mode === 'snippet' || TEXT_FILETYPES.has(file.filetype ?? '') || TEXT_MIMETYPES.test(file.mimetype ?? '');
  if (!isText) throw new FileReadError(name, 'not-text', `skipped ${name}: not a text file`);
  if (file.size !== undefined && file.size > options.maxBytes) {
    throw new FileReadError(name, 'too-large', `skipped ${name}: ${formatBytes(file.size)} is over the ${formatBytes(options.maxBytes)} limit`);
  }
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw new FileReadError(name, 'download-failed', `skipped ${name}: Slack gave no download URL`);
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new FileReadError(name, 'untrusted-url', `skipped ${name}: bad download URL`);
  }
  const hostname = host.replace(/:\d+$/, '');
  const trusted = options.trustedHosts.includes(host) || options.trustedHosts.includes(hostname) || hostname.endsWith('.slack.com');
  if (!trusted) throw new FileReadError(name, 'untrusted-url', `skipped ${name}: its URL is not on a Slack host`);

  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { authorization: `Bearer ${options.botToken}` }, redirect: 'follow' });
  } catch (error) {
    throw new FileReadError(name, 'download-failed', `skipped ${name}: download failed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok || !response.body) {
    throw new FileReadError(name, 'download-failed', `skipped ${name}: download failed (HTTP ${response.status}); the app needs the files:read scope`);
  }
  // Read at most maxBytes even when Slack's size field was missing or wrong.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FileReadError(name, 'too-large', `skipped ${name}: over the ${formatBytes(options.maxBytes)} limit`);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new FileReadError(name, 'not-text', `skipped ${name}: not a text file`);
  return bytes.toString('utf8');
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.round(n / 1000)} KB`;
}
