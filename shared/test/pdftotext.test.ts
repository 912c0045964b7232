import { pdftotext } from './index';

describe('pdftotext (poppler-utils) for the PDF tests', () => {
  it('on a machine without it, names the command that installs it instead of spawn ENOENT', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => pdftotext('/tmp/none.pdf')).toThrow(/^pdftotext is missing: apt-get install -y poppler-utils$/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('passes on its own failures (a file that is no PDF) as they are', () => {
    expect(() => pdftotext('/nonexistent/none.pdf')).toThrow(/Command failed: pdftotext/);
  });
});
