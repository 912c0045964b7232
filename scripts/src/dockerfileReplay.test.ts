import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dockerIgnore, parseDockerfile, replayDockerfile } from './dockerfileReplay';

const root = resolve(__dirname, '../..');

describe('the Dockerfile replay', () => {
  it('reads stages, joined continuation lines and comments as docker does', () => {
    const stages = parseDockerfile(
      [
        'FROM a AS one',
        'WORKDIR /app',
        '# note',
        'RUN x \\',
        '  # inside',
        ' && y',
        'FROM b',
        'COPY --from=one /app/f f',
      ].join('\n'),
    );
    expect(stages.map((s) => [s.name, s.from, s.steps.map((x) => `${x.op} ${x.args}`)])).toEqual([
      ['one', 'a', ['WORKDIR /app', 'RUN x  && y']],
      ['1', 'b', ['COPY --from=one /app/f f']],
    ]);
  });

  it('applies .dockerignore as docker does (a pattern also covers what is under it)', () => {
    const ignored = dockerIgnore('**/node_modules\n**/dist\n.git\ndocker/keys/*.pem\n');
    expect(['node_modules', 'a/b/node_modules/x', 'shared/dist', '.git', 'docker/keys/k.pem'].map(ignored)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['shared/src', 'docker/keys/README', 'distant', 'patches/x.patch'].map(ignored)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('in every stage that installs, the lockfile patches are copied before the install (issue 27)', () => {
    const patches = Object.values(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { pnpm: { patchedDependencies: object } }).pnpm
        .patchedDependencies,
    ) as string[];
    expect(patches.length).toBeGreaterThan(0);
    const stages = parseDockerfile(readFileSync(join(root, 'docker/Dockerfile'), 'utf8'));
    const installing = stages.filter((s) => s.steps.some((x) => x.op === 'RUN' && /pnpm .*install/.test(x.args)));
    expect(installing.map((s) => s.name)).toEqual(['build', 'prod-deps']);
    for (const stage of installing) {
      const install = stage.steps.findIndex((x) => x.op === 'RUN' && /pnpm .*install/.test(x.args));
      const copied = stage.steps
        .slice(0, install)
        .filter((x) => x.op === 'COPY')
        .flatMap((x) => x.args.split(/\s+/).slice(0, -1));
      for (const patch of patches)
        expect({
          stage: stage.name,
          patch,
          copied: copied.some((c) => patch.startsWith(c.replace(/^\.\//, ''))),
        }).toEqual({ stage: stage.name, patch, copied: true });
    }
  });

  it('fails a RUN that needs a file no COPY brought, naming the line, and passes once it is copied', () => {
    const context = mkdtempSync(join(tmpdir(), 'replay-context-'));
    mkdirSync(join(context, 'patches'));
    writeFileSync(join(context, 'patches/p.patch'), 'x');
    writeFileSync(join(context, 'lock'), 'y');
    writeFileSync(join(context, '.dockerignore'), 'secret\n');
    writeFileSync(join(context, 'secret'), 'z');
    const dockerfile = join(context, 'Dockerfile');
    const run = (text: string) => {
      writeFileSync(dockerfile, text);
      replayDockerfile({ context, dockerfile, log: () => undefined });
    };
    expect(() => run('FROM x AS b\nWORKDIR /app\nCOPY lock ./\nRUN test -f lock && test -f patches/p.patch\n')).toThrow(
      /Dockerfile:4 RUN test -f lock && test -f patches\/p.patch: exited 1/,
    );
    expect(() =>
      run(
        'FROM x AS b\nWORKDIR /app\nCOPY lock ./\nCOPY patches/ patches/\nRUN test -f patches/p.patch\nFROM y\nCOPY --from=b /app/lock l\n',
      ),
    ).not.toThrow();
    expect(() => run('FROM x\nWORKDIR /app\nCOPY . .\nRUN test ! -e secret && test -f lock\n')).not.toThrow();
    expect(() => run('FROM x\nCOPY missing ./\n')).toThrow(/COPY missing \.\/: missing does not exist/);
  });
});
