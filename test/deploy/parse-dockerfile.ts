/** One instruction of a Dockerfile: `COPY --from=build /app/dist/src ./dist/src` is { keyword: 'COPY', flags: { from: 'build' }, args: [...] }. */
export interface DockerInstruction {
  keyword: string;
  flags: Record<string, string>;
  args: string[];
  /** The arguments as written, for RUN and for exec-form JSON. */
  raw: string;
  line: number;
}

/** One build stage: its FROM, its name (`AS name`), and its instructions after FROM. */
export interface DockerStage {
  from: string;
  name?: string;
  instructions: DockerInstruction[];
}

/**
 * Enough of the Dockerfile syntax to check ours without a Docker engine: comments, line continuations with `\`,
 * `--flag=value` flags, `FROM image AS name`. Shell-form arguments are split on whitespace.
 */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i]!;
    if (/^\s*(#|$)/.test(logical)) continue;
    // A continued line goes on past comment lines, which Docker drops.
    while (logical.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      const next = lines[++i]!;
      if (/^\s*#/.test(next)) continue;
      logical = `${logical.trimEnd().slice(0, -1)} ${next}`;
    }
    const match = /^\s*(\w+)\s*(.*)$/.exec(logical)!;
    const keyword = match[1]!.toUpperCase();
    let raw = match[2]!.trim();
    const flags: Record<string, string> = {};
    for (let flag = /^--(\w[\w-]*)=(\S+)\s*/.exec(raw); flag; flag = /^--(\w[\w-]*)=(\S+)\s*/.exec(raw)) {
      flags[flag[1]!] = flag[2]!;
      raw = raw.slice(flag[0].length);
    }
    const args = raw.startsWith('[') ? (JSON.parse(raw) as string[]) : raw.split(/\s+/).filter(Boolean);
    const instruction: DockerInstruction = { keyword, flags, args, raw, line: start + 1 };
    if (keyword === 'FROM') {
      const [from, as, name] = args;
      stages.push({ from: from!, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`line ${start + 1}: ${keyword} before the first FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}
