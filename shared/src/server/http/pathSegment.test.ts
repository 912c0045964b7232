import { decodePath } from './pathSegment';

describe('decodePath', () => {
  it('decodes escapes, including UTF-8 ones', () => {
    expect(decodePath('/guides/service-window')).toBe('/guides/service-window');
    expect(decodePath('/assessment/2026Q3%2Ecsv')).toBe('/assessment/2026Q3.csv');
    expect(decodePath('%E8%B4%B5%E5%B7%9E')).toBe('贵州');
  });

  it('answers undefined for a malformed escape instead of throwing', () => {
    expect(decodePath('/guides/%')).toBeUndefined();
    expect(decodePath('/assets/%E0%A4%A')).toBeUndefined();
  });
});
