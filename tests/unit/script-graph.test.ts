/**
 * What each first-paint script pulls in, read from the sources' static imports. The popup loads
 * three scripts in turn, each kept out of the one before: its first frame (popup-first.ts) without
 * Preact or the search, then the app (popup-app.ts) without Dexie, which loads after the first
 * paint (popup-db.ts). One value import of utils/library/db.ts on the search's path once doubled
 * the app's script (87 → 186 KB) and slowed the popup's first paint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Import specifiers that survive compilation: type-only imports and exports are erased. */
function valueImports(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        !clause.name &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push(st.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(st) &&
      st.moduleSpecifier &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      !st.isTypeOnly
    ) {
      out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  const path = base.replace(/\?.*$/, '');
  for (const c of [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')]) {
    if (existsSync(c) && /\.tsx?$/.test(c)) return c;
  }
  return undefined;
}

/** Every local module and every package a script reaches through value imports. */
function reach(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const todo = [join(ROOT, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    for (const spec of valueImports(file)) {
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const next = resolveLocal(file, spec);
        if (next) todo.push(next);
      } else {
        const parts = spec.split('/');
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { modules: new Set([...modules].map((m) => relative(ROOT, m))), packages };
}

describe('first-paint scripts', () => {
  it("the popup's first-frame script holds no framework, search or database", () => {
    const { modules, packages } = reach('entrypoints/popup-first.ts');
    expect(modules).toContain('components/first-view.ts');
    // A .tsx module brings Preact's JSX runtime, an import the walk does not see.
    expect([...modules].filter((m) => m.endsWith('.tsx'))).toEqual([]);
    expect(packages).not.toContain('preact');
    expect(packages).not.toContain('dexie');
    expect(packages).not.toContain('@tanstack/virtual-core');
    expect(modules).not.toContain('utils/search/run.ts');
  });

  it("the popup's script reaches the search but not Dexie", () => {
    const { modules, packages } = reach('entrypoints/popup-app.ts');
    expect(modules).toContain('utils/search/run.ts');
    expect(modules).toContain('utils/library/sightings.ts');
    expect(packages).toContain('preact');
    expect(packages).not.toContain('dexie');
    expect(modules).not.toContain('utils/library/db.ts');
  });

  it('the walk sees Dexie where it is imported (the script loaded after the first paint)', () => {
    expect(reach('entrypoints/popup-db.ts').packages).toContain('dexie');
  });

  it('the content scripts never reach Dexie or Preact', () => {
    for (const entry of ['entrypoints/gate.ts', 'entrypoints/detector.ts']) {
      const { packages } = reach(entry);
      expect(packages, entry).not.toContain('dexie');
      expect(packages, entry).not.toContain('preact');
    }
  });
});
