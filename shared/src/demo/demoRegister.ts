import catalogue from './catalogue.json';
import { CREDIT_CODE_PREFIX } from '../validators/creditCode';
import { makeCreditCode, makeResidentId } from '../validators/generate';

/**
 * The deterministic demo register (subjects and source units) that the embedded mode seeds.
 * Lives in shared because several services seed data about the same demo subjects; each
 * service still writes only its own tables.
 */
export type DemoSubjectKind =
  'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'FARMER_COOPERATIVE' | 'SOCIAL_ORGANIZATION' | 'NATURAL_PERSON';

export interface DemoSubject {
  creditCode: string;
  kind: DemoSubjectKind;
  name: string;
  legalRepresentative: string | null;
  regionCode: string;
  registrationAuthority: string | null;
  establishedOn: string | null;
  status: 'ACTIVE' | 'REVOKED';
}

export interface DemoSourceUnit {
  code: string;
  name: string;
  regionCode: string;
  domainCodes: string[];
  active: boolean;
  /** The unit's own unified social credit code (a government body: prefix 11). */
  creditCode: string;
}

const PREFECTURES = catalogue.prefectures;
const findPrefecture = (code: string) => PREFECTURES.find((p) => p.code === code)!;
const PREFECTURE_CODES = PREFECTURES.map((p) => p.code);
const domainCatalogue = { domains: catalogue.domains };
const SubjectKind = {
  ENTERPRISE: 'ENTERPRISE',
  INDIVIDUAL_BUSINESS: 'INDIVIDUAL_BUSINESS',
  FARMER_COOPERATIVE: 'FARMER_COOPERATIVE',
  SOCIAL_ORGANIZATION: 'SOCIAL_ORGANIZATION',
  NATURAL_PERSON: 'NATURAL_PERSON',
} as const;
type SubjectKind = DemoSubjectKind;
const SubjectStatus = { ACTIVE: 'ACTIVE', REVOKED: 'REVOKED' } as const;

/** Deterministic pseudo-random numbers so that every fresh start seeds the same demo codes. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['黔兴', '云岭', '乌江', '娄山', '梵净', '苗岭', '红枫', '百花', '南明', '花溪', '山城', '青岩'];
const TRADES = ['建材', '物流', '食品', '茶业', '医药', '科技', '建筑工程', '酒业', '矿业', '商贸', '旅游开发', '电子'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '龙', '罗'];
const GIVEN = ['建国', '晓明', '秀英', '志强', '丽华', '海涛', '玉兰', '永红', '德胜', '小燕'];

const PER_PREFECTURE: [SubjectKind, number][] = [
  [SubjectKind.ENTERPRISE, 14],
  [SubjectKind.INDIVIDUAL_BUSINESS, 5],
  [SubjectKind.FARMER_COOPERATIVE, 4],
  [SubjectKind.SOCIAL_ORGANIZATION, 2],
  [SubjectKind.NATURAL_PERSON, 3],
];

/** The demo register: 28 subjects of every kind in each of the nine prefectures (252 in all). */
export function demoSubjects(): DemoSubject[] {
  const rnd = prng(520000);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: DemoSubject[] = [];
  let serial = 21_000_000;
  for (const region of PREFECTURE_CODES) {
    const city = findPrefecture(region).nameZh.replace(/(市|布依族苗族自治州|苗族侗族自治州)$/, '');
    for (const [kind, n] of PER_PREFECTURE) {
      for (let i = 0; i < n; i++) {
        serial += 1 + Math.floor(rnd() * 97);
        const person = `${pick(SURNAMES)}${pick(GIVEN)}`;
        const year = 1990 + Math.floor(rnd() * 35);
        const established = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        const base = {
          regionCode: region,
          legalRepresentative: person,
          status: rnd() < 0.93 ? SubjectStatus.ACTIVE : SubjectStatus.REVOKED,
        };
        switch (kind) {
          case SubjectKind.NATURAL_PERSON: {
            const birth = `${1960 + Math.floor(rnd() * 40)}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
            out.push({
              ...base,
              creditCode: makeResidentId(region.slice(0, 4) + '02', birth, serial),
              kind,
              name: person,
              legalRepresentative: null,
              registrationAuthority: null,
              establishedOn: null,
            });
            break;
          }
          case SubjectKind.ENTERPRISE:
            out.push({
              ...base,
              creditCode: makeCreditCode(CREDIT_CODE_PREFIX[kind], region, serial),
              kind,
              name: `${city}${pick(WORDS)}${pick(TRADES)}有限公司`,
              registrationAuthority: `${city}市场监督管理局`,
              establishedOn: established,
            });
            break;
          case SubjectKind.INDIVIDUAL_BUSINESS:
            out.push({
              ...base,
              creditCode: makeCreditCode(CREDIT_CODE_PREFIX[kind], region, serial),
              kind,
              name: `${city}${person}${pick(['小吃店', '五金店', '便利店', '理发店'])}`,
              registrationAuthority: `${city}市场监督管理局`,
              establishedOn: established,
            });
            break;
          case SubjectKind.FARMER_COOPERATIVE:
            out.push({
              ...base,
              creditCode: makeCreditCode(CREDIT_CODE_PREFIX[kind], region, serial),
              kind,
              name: `${city}${pick(WORDS)}${pick(['茶叶', '蔬菜', '刺梨', '中药材'])}种植农民专业合作社`,
              registrationAuthority: `${city}市场监督管理局`,
              establishedOn: established,
            });
            break;
          case SubjectKind.SOCIAL_ORGANIZATION:
            out.push({
              ...base,
              creditCode: makeCreditCode(CREDIT_CODE_PREFIX[kind], region, serial),
              kind,
              name: `${city}${pick(TRADES)}行业协会`,
              registrationAuthority: `${city}民政局`,
              establishedOn: established,
            });
            break;
        }
      }
    }
  }
  return out;
}

/** The first subject of each kind: printed at start-up and used in the README's examples. */
export const DEMO_SUBJECTS = (() => {
  const all = demoSubjects();
  return Object.fromEntries(Object.values(SubjectKind).map((k) => [k, all.find((s) => s.kind === k)!])) as Record<
    SubjectKind,
    DemoSubject
  >;
})();

const DEPARTMENTS: Record<string, string> = {
  D01: '贵州省发展和改革委员会',
  D02: '贵州省高级人民法院',
  D03: '贵州省公安厅',
  D04: '贵州省住房和城乡建设厅',
  D05: '贵州省自然资源厅',
  D06: '贵州省交通运输厅',
  D07: '贵州省市场监督管理局',
  D08: '贵州省财政厅',
  D09: '贵州省通信管理局',
  D10: '贵州省卫生健康委员会',
  D11: '贵州省应急管理厅',
  D12: '贵州省消防救援总队',
  D14: '国家税务总局贵州省税务局',
  D16: '贵州省水利厅',
  D17: '贵州省文化和旅游厅',
  D18: '贵州省药品监督管理局',
  D20: '贵州省教育厅',
  D26: '贵州省人力资源和社会保障厅',
  D28: '贵州省生态环境厅',
  D30: '贵州省农业农村厅',
};
/** Domains that also have a reporting unit in each prefecture. */
const LOCAL_DOMAINS = ['D04', 'D07', 'D14'];

export function demoSourceUnits(): DemoSourceUnit[] {
  const units: Omit<DemoSourceUnit, 'creditCode'>[] = domainCatalogue.domains.map((d) => ({
    code: `GZ-${d.code}`,
    name: DEPARTMENTS[d.code] ?? `贵州省${d.nameZh}主管部门`,
    regionCode: '520000',
    domainCodes: [d.code],
    active: true,
  }));
  for (const region of PREFECTURE_CODES) {
    const name = findPrefecture(region).nameZh;
    for (const d of LOCAL_DOMAINS) {
      const dept = (DEPARTMENTS[d] ?? '').replace('贵州省', name).replace('国家税务总局' + name, `国家税务总局${name}`);
      units.push({
        code: `GZ-${region}-${d}`,
        name: dept || `${name}${d}主管部门`,
        regionCode: region,
        domainCodes: [d],
        active: true,
      });
    }
  }
  return units.map((u, i) => ({ ...u, creditCode: makeCreditCode('11', u.regionCode, 30_000_000 + i) }));
}
