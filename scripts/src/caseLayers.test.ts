import { join, relative, resolve, sep } from 'node:path';
import { importGraph, tsFiles } from './importGraph';

// Objections holds two kinds of case, objections and complaints (feedback), on one engine in
// case/. The engine sits below both and knows neither; neither side reaches into the other, so a
// change to one kind of case cannot break the other except through case/.
const SRC = join(__dirname, '..', '..', 'subgraphs', 'objections', 'src');
const OBJECTION_SIDE = ['objection', 'workflow', 'filing', 'reading', 'correction'];

/** Folder-to-folder imports of objections' sources, as "from -> to" pairs of top folders. */
function folderArrows(): { from: string; to: string; file: string }[] {
  const files = tsFiles(SRC).map((f) => resolve(f));
  const top = (f: string) => relative(SRC, f).split(sep)[0];
  return [...importGraph(files)].flatMap(([f, deps]) =>
    deps.filter((d) => top(d) !== top(f)).map((d) => ({ from: top(f), to: top(d), file: relative(SRC, f) })),
  );
}

const forbiddenArrows = (arrows: ReturnType<typeof folderArrows>) =>
  arrows
    .filter(
      (a) =>
        a.from === 'case' ||
        (a.from === 'feedback' && OBJECTION_SIDE.includes(a.to)) ||
        (OBJECTION_SIDE.includes(a.from) && a.to === 'feedback'),
    )
    .map((a) => `${a.file} -> ${a.to}/`);

describe('objections: the case engine below both kinds of case', () => {
  const arrows = folderArrows();

  it('case/ imports no other folder; feedback/ and the objection side do not import each other', () => {
    expect(forbiddenArrows(arrows)).toEqual([]);
  });

  it('both kinds of case stand on case/', () => {
    expect(arrows.some((a) => a.from === 'feedback' && a.to === 'case')).toBe(true);
    expect(arrows.some((a) => a.from === 'workflow' && a.to === 'case')).toBe(true);
  });

  it('finds an upward or sideways import when there is one (the check itself works)', () => {
    expect(
      forbiddenArrows([
        { from: 'case', to: 'objection', file: 'case/x.ts' },
        { from: 'feedback', to: 'workflow', file: 'feedback/y.ts' },
        { from: 'reading', to: 'feedback', file: 'reading/z.ts' },
        { from: 'feedback', to: 'evidence', file: 'feedback/w.ts' },
      ]),
    ).toEqual(['case/x.ts -> objection/', 'feedback/y.ts -> workflow/', 'reading/z.ts -> feedback/']);
  });
});
