import { describe, test } from '@jest/globals';

/**
 * Something a group of tests needs from the machine (the seed documents, kubectl): met, or not with the reason.
 * The reason reads as "source documents not found at PATH (set K8SFIX_SEEDS_DIR)": what is missing and how to
 * provide it.
 */
export type Requirement = { met: true } | { met: false; reason: string };

/** The mark a skipped test's name carries; test/support/summary-reporter.cjs reads the reason back from it. */
export const SKIP_MARK = '[skipped: ';

type TestBody = () => void | Promise<unknown>;

/**
 * `test` when the requirement is met; otherwise `test.skip`, chosen when the file loads, so Jest counts the test
 * as skipped and never as passed. The reason goes into the skipped test's name (where the summary and CI read
 * it) and is printed once per file.
 */
export function testIf(requirement: Requirement): (name: string, fn: TestBody, timeout?: number) => void {
  if (requirement.met) return (name, fn, timeout) => test(name, fn, timeout);
  announce(requirement.reason);
  return (name, fn) => test.skip(`${name} ${SKIP_MARK}${requirement.reason}]`, fn);
}

/** `describe` when the requirement is met; otherwise `describe.skip`, as {@link testIf} does for one test. */
export function describeIf(requirement: Requirement): (name: string, fn: () => void) => void {
  if (requirement.met) return (name, fn) => describe(name, fn);
  announce(requirement.reason);
  return (name, fn) => describe.skip(`${name} ${SKIP_MARK}${requirement.reason}]`, fn);
}

const announced = new Set<string>();

function announce(reason: string): void {
  if (announced.has(reason)) return;
  announced.add(reason);
  console.warn(`skipped: ${reason}`);
}
