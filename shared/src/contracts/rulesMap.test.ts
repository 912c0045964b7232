import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * docs/rules.md is the map from each rule of the plan to its one home: this test keeps it true.
 * A renamed file or function, or a variable no env schema reads any more, fails here.
 */
const ROOT = resolve(__dirname, '../../..');
const MAP = join(ROOT, 'docs/rules.md');

interface Row {
  rule: string;
  homes: { file: string; symbols: string[] }[];
  variables: string[];
}

function parseRules(markdown: string): Row[] {
  const lines = markdown.split('\n').filter((l) => l.startsWith('|'));
  // Header and separator first.
  return lines.slice(2).map((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 3) throw new Error(`rules.md: a row needs three cells: ${line}`);
    const [rule, where, tuned] = cells;
    const homes = where.split('<br>').map((entry) => {
      const m = /^`([^`]+)`:\s*(.+)$/.exec(entry.trim());
      if (!m) throw new Error(`rules.md: "${entry}" is not \`file\`: \`symbol\`, …`);
      return { file: m[1], symbols: [...m[2].matchAll(/`([^`]+)`/g)].map((s) => s[1]) };
    });
    const variables = tuned === '—' ? [] : [...tuned.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((v) => v[1]);
    return { rule, homes, variables };
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exported = (source: string, name: string) =>
  new RegExp(
    `export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|const|let|class|enum|interface|type)\\s+${escape(name)}\\b`,
  ).test(source) || new RegExp(`export\\s*\\{[^}]*\\b${escape(name)}\\b[^}]*\\}`).test(source);

/** `Class.method`: the class is exported and the method is declared after it. */
function definesMethod(source: string, cls: string, method: string): boolean {
  if (!exported(source, cls)) return false;
  const body = source.slice(source.search(new RegExp(`class\\s+${escape(cls)}\\b`)));
  return new RegExp(`\\n\\s+(?:(?:public|private|protected|static|async|readonly)\\s+)*${escape(method)}\\s*[(<]`).test(
    body,
  );
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('docs/rules.md, the rule map', () => {
  const rows = parseRules(readFileSync(MAP, 'utf8'));

  it('has a row for every rule of the plan the handbook lists', () => {
    const text = rows.map((r) => r.rule).join('\n');
    for (const rule of [
      'Default and normal maximum period',
      'from 2020',
      '不予行政处罚',
      '已修复',
      'Five application scenarios',
      'within 2 working days',
      'within 10 working days',
      'commitment blocks substitution',
      'Masking of personal data',
      "subject's authorisation",
      'audited',
      'China calendar',
      'Working days',
      'May act for this subject',
      'Record content rules',
    ]) {
      expect(text).toContain(rule);
    }
  });

  it('names files that exist and symbols they define', () => {
    const missing: string[] = [];
    for (const row of rows) {
      expect(row.homes.length).toBeGreaterThan(0);
      for (const { file, symbols } of row.homes) {
        const path = join(ROOT, file);
        if (!existsSync(path)) {
          missing.push(`${file} (no such file)`);
          continue;
        }
        expect(symbols.length).toBeGreaterThan(0);
        const source = readFileSync(path, 'utf8');
        for (const symbol of symbols) {
          const [cls, method] = symbol.split('.');
          const ok = method ? definesMethod(source, cls, method) : exported(source, symbol);
          if (!ok) missing.push(`${file}: ${symbol}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names only variables that an env schema reads', () => {
    const sources = [
      ...sourceFiles(join(ROOT, 'shared/src')),
      ...sourceFiles(join(ROOT, 'gateway/src')),
      ...readdirSync(join(ROOT, 'subgraphs')).flatMap((s) => sourceFiles(join(ROOT, 'subgraphs', s, 'src'))),
    ]
      .filter((f) => /env\.ts$|contracts[/\\]period\.ts$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unknown = rows.flatMap((r) => r.variables).filter((v) => !new RegExp(`\\b${v}:`).test(sources));
    expect(unknown).toEqual([]);
  });

  it('fails on a name that does not exist (the check itself works)', () => {
    const source = readFileSync(join(ROOT, 'shared/src/contracts/period.ts'), 'utf8');
    expect(exported(source, 'resolvePeriod')).toBe(true);
    expect(exported(source, 'resolvePeriodX')).toBe(false);
    const service = readFileSync(join(ROOT, 'subgraphs/reports/src/report/issuance.service.ts'), 'utf8');
    expect(definesMethod(service, 'ReportIssuance', 'issue')).toBe(true);
    expect(definesMethod(service, 'ReportIssuance', 'issueTwice')).toBe(false);
  });
});
