import { FileReadError, isFileReadError } from './errors/file-read-error.js';
import { checkFileSize } from './file-size-limit.js';
import type { FetchFn } from './respond.js';

/** The fields of a Slack file object that k8sfix reads (message events carry them in `files`). */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  /** `hosted`, `snippet`, ...; `file_access` for a Slack Connect stub that must be looked up with files.info. */
  mode?: string;
  /** `check_file_info` on a Slack Connect stub; `access_denied` when the file is hidden from the app. */
  file_access?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** The full file object from files.info, or why Slack would not give it (its error code, e.g. `file_not_found`). */
export type FileInfoLookup = (id: string) => Promise<{ ok: true; file: SlackFile } | { ok: false; error: string }>;

export interface ReadFilesOptions {
  botToken: string;
  maxBytes: number;
  /** Hosts that may receive the bot token: Slack's, plus the host of SLACK_API_URL when set. */
  trustedHosts: string[];
  fetch?: FetchFn;
  /** files.info, for stubs and file objects without a URL or a type. Without it such files are skipped as unreadable. */
  fileInfo?: FileInfoLookup;
  /** At most this many files per message. Default 5. */
  maxFiles?: number;
}

const TEXT_FILETYPES = new Set(['text', 'log', 'yaml', 'json', 'xml', 'shell', 'markdown', 'csv', 'diff', 'go', 'python', 'javascript', 'ini', 'toml', 'plain']);
const TEXT_MIMETYPES = /^(text\/|application\/(json|x-ndjson|x-yaml|yaml|xml|x-sh|toml))/;
/** Types Slack names that are certainly not text; `binary` and `application/octet-stream` only mean "unknown". */
const BINARY_FILETYPES = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'heic', 'svg', 'pdf', 'zip', 'gzip', 'gz', 'tar', 'tgz', 'mp4', 'mov', 'mp3', 'm4a', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'apk', 'exe', 'dmg']);
const BINARY_MIMETYPES = /^(image\/|video\/|audio\/|application\/(pdf|zip|gzip|x-gzip|x-tar|vnd\.))/;
/** Bytes of an untyped file looked at to tell text from binary. */
const SNIFF_BYTES = 8192;

/** Slack's own file hosts; the bot token is sent nowhere else. */
export const SLACK_FILE_HOSTS = ['files.slack.com', 'slack-files.com'];

/**
 * Reads the text snippets and log files shared with a message, up to a size limit each. A Slack Connect stub
 * (`file_access: check_file_info`) or a file object without a URL or a type is looked up with files.info first.
 * A file that is too large, binary, hidden from k8sfix or cannot be downloaded is skipped with a note that says
 * which; nothing here throws.
 */
export async function readTextFiles(files: SlackFile[], options: ReadFilesOptions): Promise<{ texts: string[]; notes: string[] }> {
  const texts: string[] = [];
  const notes: string[] = [];
  for (const file of files.slice(0, options.maxFiles ?? 5)) {
    try {
      const read = await readOne(file, options);
      texts.push(read.text);
      if (read.note) notes.push(read.note);
    } catch (error) {
      notes.push(isFileReadError(error) ? error.message : `skipped a file: ${String(error)}`);
    }
  }
  return { texts, notes };
}

function nameOf(file: SlackFile): string {
  return file.name || file.title || file.id || 'a file';
}

function kindOf(file: SlackFile): 'text' | 'binary' | 'unknown' {
  if (file.mode === 'snippet' || TEXT_FILETYPES.has(file.filetype ?? '') || TEXT_MIMETYPES.test(file.mimetype ?? '')) return 'text';
  if (BINARY_FILETYPES.has(file.filetype ?? '') || BINARY_MIMETYPES.test(file.mimetype ?? '')) return 'binary';
  return 'unknown';
}

/** Whether Slack sent only part of the file object, so that files.info has the rest. */
function needsLookup(file: SlackFile): boolean {
  if (file.mode === 'file_access' || file.file_access === 'check_file_info') return true;
  return !(file.url_private_download ?? file.url_private) || (!file.filetype && !file.mimetype && file.mode !== 'snippet');
}

async function readOne(given: SlackFile, options: ReadFilesOptions): Promise<{ text: string; note?: string }> {
  let file = given;
  if (given.file_access === 'access_denied') throw noAccess(nameOf(given), 'access_denied');
  if (needsLookup(given)) {
    const info =
      given.id && options.fileInfo
        ? await options.fileInfo(given.id).catch((error: unknown) => ({ ok: false as const, error: errorCode(error) }))
        : { ok: false as const, error: 'no file id to look up' };
    if (info.ok) file = { ...given, ...info.file };
    // Without files.info, a file object that has its URL is still read, by its content.
    else if (!(given.url_private_download ?? given.url_private)) throw noAccess(nameOf(given), info.error);
    if (file.file_access === 'access_denied') throw noAccess(nameOf(file), 'access_denied');
  }
  const name = nameOf(file);
  const kind = kindOf(file);
  if (kind === 'binary') throw new FileReadError(name, 'binary', `skipped ${name}: it is a binary file (${file.filetype || file.mimetype}), not text`);
  // A file larger than K8SFIX_MAX_FILE_BYTES is still read, whole, as it downloads; only its last
  // K8SFIX_MAX_FILE_BYTES are kept (logs are newest-last). Past the download cap it is not fetched at all.
  if (file.size !== undefined) checkFileSize(name, file.size, MAX_DOWNLOAD_BYTES, 'declared');
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw noAccess(name, 'no download URL');
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new FileReadError(name, 'untrusted-url', `skipped ${name}: Slack gave a download URL that is not a URL`);
  }
  const hostname = host.replace(/:\d+$/, '');
  const trusted = options.trustedHosts.includes(host) || options.trustedHosts.includes(hostname) || hostname.endsWith('.slack.com');
  if (!trusted) throw new FileReadError(name, 'untrusted-url', `skipped ${name}: its URL is not on a Slack host, so the bot token is not sent there`);

  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { authorization: `Bearer ${options.botToken}` }, redirect: 'follow' });
  } catch (error) {
    throw new FileReadError(name, 'download-failed', `skipped ${name}: the download failed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    await response.body?.cancel().catch(() => undefined);
    throw noAccess(name, `HTTP ${response.status}`);
  }
  if (!response.ok || !response.body) {
    throw new FileReadError(name, 'download-failed', `skipped ${name}: the download failed (HTTP ${response.status})`);
  }
  const reader = response.body.getReader();
  const tail = new TailBuffer(options.maxBytes);
  let head: Buffer | undefined;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    try {
      // Counted even when Slack's size field was missing or wrong.
      checkFileSize(name, total, MAX_DOWNLOAD_BYTES, 'read');
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    head ??= Buffer.from(value.subarray(0, SNIFF_BYTES));
    tail.push(value);
  }
  if (looksBinary(head ?? Buffer.alloc(0), total)) throw new FileReadError(name, 'binary', `skipped ${name}: its content is binary, not text`);
  const kept = tail.bytes();
  if (kept.length === total) return { text: kept.toString('utf8') };
  // Start at the first whole line of the kept part, so no line is read half.
  const newline = kept.indexOf(0x0a);
  const whole = newline === -1 ? kept : kept.subarray(newline + 1);
  const skipped = total - whole.length;
  return {
    text: whole.toString('utf8'),
    note: `read the last ${formatBytes(whole.length)} of ${name} (${formatBytes(total)}); the first ${formatBytes(skipped)} were skipped (K8SFIX_MAX_FILE_BYTES)`,
  };
}

/** Slack's own limit for an uploaded file is 1 GB; k8sfix downloads at most this much of one. */
const MAX_DOWNLOAD_BYTES = 200_000_000;

/** The last `limit` bytes of a stream, in bounded memory. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(Buffer.from(chunk));
    this.size += chunk.byteLength;
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  bytes(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} KB`;
}

/** NUL bytes, or bytes that are not UTF-8, near the start: what `file` and git take for binary. */
function looksBinary(start: Buffer, total: number): boolean {
  const head = start.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  try {
    // A multi-byte character cut at the sniff boundary is not a reason to call the file binary.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < total });
    return false;
  } catch {
    return true;
  }
}

function noAccess(name: string, why: string): FileReadError {
  return new FileReadError(
    name,
    'no-access',
    `skipped ${name}: Slack did not let k8sfix open it (${why}); in a Slack Connect channel or for a file from elsewhere, paste the text instead`,
  );
}

function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } })?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
