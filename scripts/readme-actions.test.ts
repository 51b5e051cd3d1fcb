/**
 * README's action list against the contract registry: every action of every function is named in a
 * README table (no more, no fewer), and the "who" column of the Actions section says exactly the
 * roles the contract admits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACTS } from '@core/contracts';
import type { Role } from '@core/roles';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

const WHO: Record<Role, string> = { hq: 'HQ', guide: 'guide', customer: 'member', visitor: 'visitor' };
const EVERYONE: readonly Role[] = ['hq', 'guide', 'customer', 'visitor'];

const registry = Object.entries(CONTRACTS).flatMap(([fn, c]) =>
  Object.entries(c.actions).map(([action, spec]) => ({
    name: `${fn}.${action}`,
    roles: spec.roles as readonly Role[],
  })),
);

/** Table rows of a piece of markdown as their cells. */
const rowsOf = (md: string) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

/** `fn.action` names in the first cell of a row (a row may name two: `points.tiers` / `points.setTiers`). */
const namesIn = (cell: string) => [...cell.matchAll(/`([a-z]+\.[A-Za-z]+)`/g)].map((m) => m[1] ?? '');

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe("README's action list", () => {
  it('names every action of the registry, and none that does not exist', () => {
    const named = new Set(rowsOf(README).flatMap((cells) => namesIn(cells[0] ?? '')));
    const actions = registry.map((a) => a.name);
    expect(actions.filter((a) => !named.has(a))).toEqual([]);
    expect([...named].filter((n) => !actions.includes(n))).toEqual([]);
  });

  it('says who may call each action as the contract does', () => {
    const rows = rowsOf(section('Actions'));
    expect(rows.length).toBeGreaterThan(0);
    for (const cells of rows) {
      const [name] = namesIn(cells[0] ?? '');
      const spec = registry.find((a) => a.name === name);
      if (!spec) throw new Error(`README names ${name}, which is not in the registry`);
      const roles = [...spec.roles];
      const who =
        roles.length === 0
          ? 'internal'
          : EVERYONE.every((r) => roles.includes(r))
            ? 'everyone'
            : roles.map((r) => WHO[r]).join(', ');
      expect(`${name}: ${cells[1]}`).toBe(`${name}: ${who}`);
    }
  });
});
