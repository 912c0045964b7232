import { makeCreditCode } from '@credit/shared';
import { SubjectKind, SubjectStatus } from '../subject/subject.type';

// Registration region, name, registering authority, legal representative, Guizhou region of business.
const ROWS: [string, string, string, string, string][] = [
  ['510104', '四川蜀道路桥建设有限公司', '成都市锦江区市场监督管理局', '王成刚', '520100'],
  ['500103', '重庆渝建实业集团有限公司', '重庆市渝中区市场监督管理局', '刘晓东', '520300'],
  ['430102', '湖南湘江水利水电工程有限公司', '长沙市芙蓉区市场监督管理局', '陈志强', '522700'],
  ['440106', '广州粤信科技股份有限公司', '广州市天河区市场监督管理局', '黄丽萍', '520100'],
  ['530102', '云南滇池医药有限公司', '昆明市五华区市场监督管理局', '杨永福', '520400'],
  ['110108', '北京中科数智信息技术有限公司', '北京市海淀区市场监督管理局', '赵文博', '520100'],
];

/**
 * Enterprises of other provinces doing business in Guizhou (their credit codes name their home
 * registration region), for the national feed; the first is 915101047700010187.
 */
export function demoOutOfProvinceSubjects() {
  return ROWS.map(([home, name, authority, person, region], i) => ({
    creditCode: makeCreditCode('91', home, 77_000_101 + i * 37),
    kind: SubjectKind.ENTERPRISE,
    name,
    legalRepresentative: person,
    regionCode: region,
    registrationAuthority: authority,
    establishedOn: `20${10 + i}-0${1 + i}-15`,
    status: SubjectStatus.ACTIVE,
  }));
}
