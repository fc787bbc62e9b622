/** One readiness check as /readyz shows it. */
export interface CheckState {
  ok: boolean;
  /** What was seen: "connected over Socket Mode", "Redis at redis://... is unreachable: ...". */
  detail: string;
}

/** A check computed when asked (a Redis round trip), bounded by the caller's timeout. */
export type Probe = () => Promise<CheckState>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckState>;
}

/**
 * What /readyz reports: named checks, each either set by the part that knows (Slack connection, catalogue) or
 * probed on each request (Redis). Ready only when every check passes.
 */
export class Readiness {
  private readonly states = new Map<string, CheckState>();
  private readonly probes = new Map<string, Probe>();

  constructor(private readonly probeTimeoutMs = 1500) {}

  set(name: string, ok: boolean, detail: string): void {
    this.states.set(name, { ok, detail });
  }

  get(name: string): CheckState | undefined {
    return this.states.get(name);
  }

  addProbe(name: string, probe: Probe): void {
    this.probes.set(name, probe);
  }

  async report(): Promise<ReadinessReport> {
    const checks: Record<string, CheckState> = Object.fromEntries(this.states);
    await Promise.all(
      [...this.probes].map(async ([name, probe]) => {
        checks[name] = await withTimeout(probe(), this.probeTimeoutMs).catch((error: unknown) => ({
          ok: false,
          detail: error instanceof Error ? error.message : String(error),
        }));
      }),
    );
    return { ready: Object.values(checks).every((c) => c.ok) && Object.keys(checks).length > 0, checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
