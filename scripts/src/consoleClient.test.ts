import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiSchemaFromSupergraph, generateConsoleClient } from './consoleClient';

// The console's typed documents against the API schema the gateway serves: what `pnpm compose:check`
// compares, and what happens when a subgraph changes a field a console page uses.
const root = resolve(__dirname, '../..');
const supergraph = readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8');

describe('the console client', () => {
  it('is committed as generated from the committed supergraph', async () => {
    for (const [path, text] of await generateConsoleClient(root, supergraph)) {
      expect(readFileSync(join(root, path), 'utf8')).toBe(text);
    }
  });

  it('sees the API schema: no federation machinery, no @inaccessible internals', () => {
    const schema = apiSchemaFromSupergraph(supergraph);
    const query = schema.getQueryType()!.getFields();
    expect(query.subject).toBeDefined();
    expect(query.internalAuditEntries).toBeUndefined();
    expect(schema.getMutationType()!.getFields().internalApplyCorrection).toBeUndefined();
    expect(Object.keys(schema.getTypeMap()).filter((t) => /^(join__|link__)/.test(t))).toEqual([]);
    expect(schema.getDirectives().map((d) => d.name)).not.toContain('join__field');
  });

  it('fails to generate when a field a console page uses is renamed', async () => {
    const renamed = supergraph.replace(/\n {2}recordSummary\(/, '\n  recordTotals(');
    expect(renamed).not.toBe(supergraph);
    await expect(generateConsoleClient(root, renamed)).rejects.toThrow(
      /console's GraphQL documents do not fit[\s\S]*recordSummary/,
    );
  });
});
