import regions from '../catalogue/regions.json';

export type RegionLevel = 'PROVINCE' | 'PREFECTURE';

export interface RegionRecord {
  code: string;
  nameZh: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** GB/T 2260 codes of Guizhou (copied from the design handbook; fixed reference data). */
export const REGIONS: readonly RegionRecord[] = [
  { code: regions.province.code, nameZh: regions.province.nameZh, level: 'PROVINCE', parentCode: null },
  ...regions.prefectures.map((p) => ({
    code: p.code,
    nameZh: p.nameZh,
    level: 'PREFECTURE' as const,
    parentCode: regions.province.code,
  })),
];
const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export const PREFECTURE_CODES = REGIONS.filter((r) => r.level === 'PREFECTURE').map((r) => r.code);
export const findRegion = (code: string): RegionRecord | undefined => BY_CODE.get(code);
