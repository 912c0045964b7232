import { progressBar } from './tallyCli';

function written(run: (bar: ReturnType<typeof progressBar>) => void): string {
  let text = '';
  run(progressBar('reports check', 'rows', { write: (s: string) => (text += s) }));
  return text;
}

describe('the stats CLI progress bar', () => {
  it('draws the label, the filled share and the count, and ends the line when done', () => {
    const text = written((bar) => {
      bar(0, 4);
      bar(4, 4);
    });
    expect(text).toBe(
      `\rreports check [${'.'.repeat(30)}] 0/4 rows   ` + `\rreports check [${'#'.repeat(30)}] 4/4 rows   \n`,
    );
  });

  it('redraws at most twice a second until the end, which is always drawn', () => {
    const text = written((bar) => {
      bar(0, 100);
      bar(50, 100);
      bar(100, 100);
    });
    expect(text).not.toContain('50/100');
    expect(text).toContain('100/100 rows   \n');
  });
});
