/** The worker pool's settings from the environment; a malformed value is an error naming the variable and a valid value. */
export interface MatchPoolConfig {
  /** `K8SFIX_MATCH_WORKERS` (1 to 16, default 2). */
  size: number;
  /** `K8SFIX_MATCH_BUDGET_MS` (500 to 120000, default 10000). */
  budgetMs: number;
}

export function loadMatchPoolConfigFromEnv(env: NodeJS.ProcessEnv): MatchPoolConfig {
  return {
    size: integer(env, 'K8SFIX_MATCH_WORKERS', 2, 1, 16),
    budgetMs: integer(env, 'K8SFIX_MATCH_BUDGET_MS', 10_000, 500, 120_000),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}"); for example ${name}=${fallback}`);
  }
  return value;
}
