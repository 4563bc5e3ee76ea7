/**
 * The floor plan of src/shared (eslint.config.js, FLOORS): its import graph has no circle, file
 * by file, and the plan itself allows none between floors. ESLint's local/floors rule checks each
 * import against the plan; this test checks what a rule that sees one file cannot: the whole graph.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SHARED = 'src/shared';

interface Floor { imports: string[]; packages: string[] }
interface FloorPlan { FLOORS: Record<string, Floor>; floorOf(file: string): string | undefined }

const loadPlan = async (): Promise<FloorPlan> => (await import(new URL('../../../eslint.config.js', import.meta.url).href)) as FloorPlan;

const repoPath = (absolute: string): string => relative(ROOT, absolute).split(sep).join('/');

function sharedFiles(dir = join(ROOT, SHARED)): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sharedFiles(path) : entry.name.endsWith('.ts') ? [repoPath(path)] : [];
  });
}

function resolveImport(from: string, specifier: string): string {
  const base = resolve(ROOT, dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return repoPath(candidate);
    } catch { /* try the next */ }
  }
  throw new Error(`${from}: cannot resolve '${specifier}'`);
}

/** Every file of src/shared and the files of ours it imports (type-only imports and re-exports included). */
function sharedImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sharedFiles()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.')).map((s) => resolveImport(file, s));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The circles of a directed graph, one per strongly connected component, each as a path back to its start. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => cycleThrough(graph, new Set(component), [...component].sort()[0]));
}

/** The shortest path from `start` back to itself inside one component. */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(w)) { previous.set(w, v); queue.push(w); }
    }
  }
  return [start];
}

const describeCycles = (cycles: string[][]): string => cycles.map((c) => c.join(' -> ')).join('\n');

describe('the floors of src/shared', () => {
  it('every file of src/shared is on a floor of the plan', async () => {
    const { floorOf } = await loadPlan();
    expect(sharedFiles().filter((file) => floorOf(file) === undefined)).toEqual([]);
  });

  it('the plan allows no circle between floors', async () => {
    const { FLOORS } = await loadPlan();
    const floors = Object.keys(FLOORS).filter((key) => key.startsWith(`${SHARED}/`));
    // An entry that is not a floor (src/shared) stands for every floor under it.
    const expand = (allowed: string): string[] => (allowed in FLOORS ? [allowed] : floors.filter((f) => f.startsWith(`${allowed}/`)));
    const plan = new Map(floors.map((floor) => [floor, FLOORS[floor].imports.flatMap(expand).filter((f) => f !== floor)]));
    expect(describeCycles(findCycles(plan))).toBe('');
  });

  it('has no circle of imports, file by file', () => {
    expect(describeCycles(findCycles(sharedImportGraph()))).toBe('');
  });

  it('no file imports outside src/shared', () => {
    const outside = [...sharedImportGraph()].flatMap(([file, targets]) => targets.filter((t) => !t.startsWith(`${SHARED}/`)).map((t) => `${file} -> ${t}`));
    expect(outside).toEqual([]);
  });
});

describe('findCycles', () => {
  it('names each circle as a path back to its start', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
  });
});
