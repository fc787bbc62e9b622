import type { Store } from '../store/store.js';
import { countsNow, restoreBudgetEntries, takeFromBudget, type BudgetEntry } from './disruption-budget.js';
import { LOCK_TTL_MS, lockNodes, retakeNodeLock, unlockNodes } from './node-lock.js';
import { currentGeneration, type StoreGeneration } from './store-generation.js';

/** A new generation of the store is trusted for locks and budget after this long. */
export const DEFAULT_SETTLE_MS = 15_000;
/** Replicas that hold something look at the store this many times within the settling time. */
const LOOKS_PER_SETTLE = 5;
const SETTLE_ROUNDS = 3;

export interface HoldingsKeeperOptions {
  /** How long a new generation must be before node locks and the budget are trusted; 0 where the store cannot be lost on its own. */
  settleMs?: number;
  /** The approvals' clock, which budget entries are stamped with. Generations and lock lifetimes use real time, as Redis does. */
  now?: () => number;
  /** Told when a lock could not be taken back because another request took the node after the store lost it. */
  onLost?: (what: string) => void;
}

const heldKey = (context: string, node: string) => `${context}\u0000${node}`;

interface HeldLock {
  context: string;
  node: string;
  requestId: string;
  /** When the lock's time to live ends (real time). */
  until: number;
}

/**
 * What this replica holds in the shared store for fix actions (the node locks of its runs, the disruption budget
 * it took in the last hour), kept through a restart of the store. Redis in the cluster keeps nothing on disk: when
 * it restarts empty, a run in progress would have lost its node lock, and the hour's budget would start again at
 * zero. The keeper notices the new generation of the store, takes its locks and entries back, and no replica takes
 * a lock or the budget until a new generation is `settleMs` old, which gives every live run the time to take its
 * locks back first (fail closed). A replica that died with the store takes its entries with it.
 */
export class HoldingsKeeper {
  private readonly settleMs: number;
  private readonly everyMs: number;
  private readonly now: () => number;
  private known: string | undefined;
  private readonly locks = new Map<string, HeldLock>();
  private budget: (BudgetEntry & { context: string })[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: HoldingsKeeperOptions = {},
  ) {
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    // A store that cannot be lost on its own (settleMs 0) is still looked at, at the default pace.
    this.everyMs = (this.settleMs || DEFAULT_SETTLE_MS) / LOOKS_PER_SETTLE;
    this.now = options.now ?? Date.now;
  }

  /**
   * Waits until the store's generation is old enough to trust its locks and budget, and returns it. Undefined when
   * the store restarted again each time this replica waited, so nothing it holds can be trusted yet.
   */
  async settled(): Promise<StoreGeneration | undefined> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const generation = await this.sync();
      const wait = generation.bornAt + this.settleMs - Date.now();
      if (wait <= 0) return generation;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, this.settleMs)));
      const again = await this.sync();
      if (again.id === generation.id && again.bornAt + this.settleMs <= Date.now()) return again;
    }
    return undefined;
  }

  /**
   * Whether the store is still in the generation `settled` returned. Asked after taking locks and budget: a restart
   * between the two would have let them be taken in a new life of the store before running fixes took theirs back.
   */
  async stillIn(generation: StoreGeneration): Promise<boolean> {
    return (await this.sync()).id === generation.id;
  }

  /**
   * Locks every node for the request (see `lockNodes`), and keeps the locks it took until `unlock`. Called after
   * `settled`, which has read the generation and taken back what this replica held; `stillIn` checks it again after.
   */
  async lock(context: string, nodes: readonly string[], requestId: string): Promise<{ busy: string; by: string } | undefined> {
    if (nodes.length === 0) return undefined;
    const busy = await lockNodes(this.store, context, nodes, requestId);
    if (busy) return busy;
    const until = Date.now() + LOCK_TTL_MS;
    for (const node of nodes) this.locks.set(heldKey(context, node), { context, node, requestId, until });
    this.follow();
    return undefined;
  }

  async unlock(context: string, nodes: readonly string[], requestId: string): Promise<void> {
    for (const node of nodes) {
      if (this.locks.get(heldKey(context, node))?.requestId === requestId) this.locks.delete(heldKey(context, node));
    }
    await unlockNodes(this.store, context, nodes, requestId);
  }

  /** Takes one action from the budget (see `takeFromBudget`), and keeps the entry for the hour it counts. Called after `settled`, as `lock`. */
  async takeBudget(context: string, perHour: number, requestId: string, now: number): Promise<boolean> {
    if (!(await takeFromBudget(this.store, context, perHour, requestId, now))) return false;
    this.budget.push({ context, at: now, id: requestId });
    this.follow();
    return true;
  }

  /** Notes the store's generation now (writing one if it has none), so a new installation has settled by its first fix. */
  async start(): Promise<void> {
    await this.sync().catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the generation; when it is not the one this replica last saw, takes back what it holds. */
  private async sync(): Promise<StoreGeneration> {
    const generation = await currentGeneration(this.store, Date.now());
    if (generation.id !== this.known) {
      await this.takeBack();
      this.known = generation.id;
    }
    return generation;
  }

  private async takeBack(): Promise<void> {
    for (const [key, held] of this.locks) {
      const left = held.until - Date.now();
      if (left <= 0) {
        this.locks.delete(key);
        continue;
      }
      if (!(await retakeNodeLock(this.store, held.context, held.node, held.requestId, left))) {
        this.locks.delete(key);
        this.options.onLost?.(`node ${held.node} of ${held.context} was locked by request ${held.requestId}, which is still running, but the shared store lost the lock and another request took the node`);
      }
    }
    const now = this.now();
    this.budget = this.budget.filter((entry) => countsNow(entry, now));
    for (const context of new Set(this.budget.map((entry) => entry.context))) {
      await restoreBudgetEntries(this.store, context, this.budget.filter((entry) => entry.context === context), now);
    }
  }

  /** Looks at the store every `everyMs` while this replica holds something; stops when it holds nothing. */
  private follow(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      const now = this.now();
      if (this.locks.size === 0 && !this.budget.some((entry) => countsNow(entry, now))) {
        clearInterval(this.timer);
        this.timer = undefined;
        return;
      }
      // An unreachable store is tried again on the next tick; fix actions refuse to run meanwhile.
      this.sync().catch(() => undefined);
    }, this.everyMs);
    this.timer.unref();
  }
}
