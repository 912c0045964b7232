import { lawfulNonPunishment, type PenaltyWording } from './lawfulNonPunishment';

// Wordings as national 双公示 exports carry them: 处罚类别 (as the importer splits it), 处罚内容,
// amounts in yuan. Each row: the row, then the evidence (field: wording) or null for a record.
type Case = [string, PenaltyWording, `${'penaltyTypes' | 'penaltyContent'}: ${string}` | null];

const notPunished: Case[] = [
  // 处罚类别 "其他" (or another word saying nothing) defers to the 处罚内容: the field observation.
  [
    '其他 + 依法不予行政处罚',
    { penaltyTypes: ['其他'], penaltyContent: '依法不予行政处罚' },
    'penaltyContent: 依法不予行政处罚',
  ],
  ['其他 + 不予处罚', { penaltyTypes: ['其他'], penaltyContent: '不予处罚' }, 'penaltyContent: 不予处罚'],
  [
    '其他 + 经研究，决定不予行政处罚',
    { penaltyTypes: ['其他'], penaltyContent: '经研究，决定不予行政处罚' },
    'penaltyContent: 不予行政处罚',
  ],
  ['其它 + 不予行政处罚', { penaltyTypes: ['其它'], penaltyContent: '不予行政处罚。' }, 'penaltyContent: 不予行政处罚'],
  ['无 + 免予处罚', { penaltyTypes: ['无'], penaltyContent: '免予处罚' }, 'penaltyContent: 免予处罚'],
  ['/ + 免于行政处罚', { penaltyTypes: ['/'], penaltyContent: '免于行政处罚' }, 'penaltyContent: 免于行政处罚'],
  ['— + 不予以处罚', { penaltyTypes: ['—'], penaltyContent: '不予以处罚' }, 'penaltyContent: 不予以处罚'],
  ['"其他" as one string', { penaltyTypes: '其他', penaltyContent: '依法不予处罚' }, 'penaltyContent: 依法不予处罚'],
  [
    'empty category list',
    { penaltyTypes: [], penaltyContent: '不予以行政处罚（首违不罚）' },
    'penaltyContent: 不予以行政处罚',
  ],
  ['null category', { penaltyTypes: null, penaltyContent: '（不予处罚）' }, 'penaltyContent: 不予处罚'],
  [
    '责令改正 is no penalty',
    { penaltyTypes: ['责令改正'], penaltyContent: '不予行政处罚，责令限期改正' },
    'penaltyContent: 不予行政处罚',
  ],
  [
    '批评教育 is no penalty',
    { penaltyTypes: ['其他'], penaltyContent: '对当事人批评教育，不予行政处罚' },
    'penaltyContent: 不予行政处罚',
  ],
  // The decision anywhere in the sentence, with what leads up to it.
  [
    'after the legal basis',
    {
      penaltyTypes: ['其他'],
      penaltyContent: '根据《中华人民共和国行政处罚法》第三十三条第一款的规定，决定不予行政处罚。',
    },
    'penaltyContent: 不予行政处罚',
  ],
  [
    'after the reasons',
    { penaltyContent: '当事人违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚' },
    'penaltyContent: 依法不予行政处罚',
  ],
  ['对当事人…', { penaltyTypes: ['其他'], penaltyContent: '决定对当事人不予行政处罚' }, 'penaltyContent: 不予行政处罚'],
  ['作出…的决定', { penaltyContent: '作出不予行政处罚的决定' }, 'penaltyContent: 不予行政处罚'],
  ['…决定书', { penaltyContent: '不予行政处罚决定书' }, 'penaltyContent: 不予行政处罚'],
  ['首违不罚 first', { penaltyTypes: ['其他'], penaltyContent: '首违不罚，免予处罚' }, 'penaltyContent: 免予处罚'],
  ['with spaces', { penaltyTypes: ['其他'], penaltyContent: '依法 不予 行政处罚' }, 'penaltyContent: 依法不予行政处罚'],
  [
    'a list title before the decision',
    { penaltyContent: '符合《贵州省市场监管领域轻微违法行为不予处罚清单》第3项，决定不予处罚' },
    'penaltyContent: 不予处罚',
  ],
  [
    'the law would punish, the decision does not',
    { penaltyContent: '当事人的行为依法应当给予行政处罚，鉴于其主动消除危害后果，决定不予行政处罚' },
    'penaltyContent: 不予行政处罚',
  ],
  ['罚款 negated', { penaltyTypes: ['其他'], penaltyContent: '不予处罚，不予罚款' }, 'penaltyContent: 不予处罚'],
  ['无违法所得，不予没收', { penaltyContent: '免予处罚；无违法所得，不予没收' }, 'penaltyContent: 免予处罚'],
  [
    'a zero fine in the content',
    { penaltyTypes: ['其他'], penaltyContent: '不予行政处罚，罚款0元' },
    'penaltyContent: 不予行政处罚',
  ],
  // The 处罚类别 itself decides.
  ['类别 不予行政处罚', { penaltyTypes: ['不予行政处罚'] }, 'penaltyTypes: 不予行政处罚'],
  ['类别 不予处罚', { penaltyTypes: ['不予处罚'] }, 'penaltyTypes: 不予处罚'],
  ['类别 免予处罚', { penaltyTypes: ['免予处罚'] }, 'penaltyTypes: 免予处罚'],
  ['类别 免于行政处罚', { penaltyTypes: ['免于行政处罚'] }, 'penaltyTypes: 免于行政处罚'],
  ['类别 依法不予行政处罚 (a string)', { penaltyTypes: '依法不予行政处罚' }, 'penaltyTypes: 依法不予行政处罚'],
  [
    '类别 其他 and 不予处罚',
    { penaltyTypes: ['其他', '不予处罚'], penaltyContent: '首违不罚' },
    'penaltyTypes: 不予处罚',
  ],
  ['类别 其他（不予处罚）', { penaltyTypes: ['其他（不予处罚）'] }, 'penaltyTypes: 不予处罚'],
  [
    'zero amounts',
    { penaltyTypes: ['不予处罚'], fineAmount: '0.00', confiscatedAmount: '0' },
    'penaltyTypes: 不予处罚',
  ],
];

const records: Case[] = [
  // A real penalty category: punished, whatever the content says.
  ['罚款 + 不予行政处罚', { penaltyTypes: ['罚款'], penaltyContent: '不予行政处罚' }, null],
  ['警告 and 不予处罚', { penaltyTypes: ['警告', '不予处罚'] }, null],
  ['其他 and 警告', { penaltyTypes: ['其他', '警告'], penaltyContent: '依法不予行政处罚' }, null],
  ['没收违法所得', { penaltyTypes: ['没收违法所得'], penaltyContent: '不予处罚' }, null],
  ['通报批评', { penaltyTypes: ['通报批评'], penaltyContent: '不予罚款' }, null],
  ['责令停产停业', { penaltyTypes: ['责令停产停业'], penaltyContent: '不予处罚' }, null],
  ['暂扣许可证件', { penaltyTypes: ['暂扣许可证件'], penaltyContent: '不予行政处罚' }, null],
  ['吊销营业执照', { penaltyTypes: ['吊销营业执照'] }, null],
  ['降低资质等级', { penaltyTypes: ['降低资质等级'], penaltyContent: '免予处罚' }, null],
  ['限制开展生产经营活动', { penaltyTypes: ['限制开展生产经营活动'], penaltyContent: '不予处罚' }, null],
  ['行政拘留', { penaltyTypes: ['行政拘留'], penaltyContent: '不予行政处罚' }, null],
  // The amounts or a licence action punish.
  ['a fine above zero', { penaltyTypes: ['不予行政处罚'], fineAmount: '5000.00' }, null],
  ['a confiscation', { penaltyTypes: ['不予处罚'], confiscatedAmount: '12.5' }, null],
  ['a licence suspended', { penaltyTypes: ['其他'], penaltyContent: '不予处罚', licenceAction: 'SUSPENDED' }, null],
  ['其他 + a fine', { penaltyTypes: ['其他'], penaltyContent: '依法不予行政处罚', fineAmount: '200' }, null],
  // The content punishes, or punishes part.
  ['partial', { penaltyTypes: ['其他'], penaltyContent: '对违法行为一不予处罚，对违法行为二罚款人民币5000元' }, null],
  ['partial, 类别 罚款', { penaltyContent: '对其中一项不予处罚，另罚款五千元', penaltyTypes: ['罚款'] }, null],
  ['不予处罚 then confiscation', { penaltyTypes: ['其他'], penaltyContent: '不予行政处罚，没收违法所得1200元' }, null],
  ['警告 instead', { penaltyTypes: ['其他'], penaltyContent: '不予罚款，给予警告' }, null],
  ['从轻处罚', { penaltyTypes: ['其他'], penaltyContent: '依法从轻处罚，罚款2000元' }, null],
  ['减轻处罚', { penaltyContent: '决定减轻处罚，处以警告' }, null],
  ['the phrase not decided', { penaltyContent: '罚款人民币5000元。依法不予行政处罚的情形不适用' }, null],
  // The phrase is there but decides nothing.
  ['不符合…的条件', { penaltyTypes: ['其他'], penaltyContent: '当事人不符合不予处罚的条件，责令改正' }, null],
  ['不适用', { penaltyTypes: ['其他'], penaltyContent: '不适用不予行政处罚' }, null],
  ['a list title only', { penaltyTypes: ['其他'], penaltyContent: '依据《轻微违法行为不予处罚清单》责令改正' }, null],
  ['不予处罚情形 as a noun', { penaltyTypes: ['其他'], penaltyContent: '不属于免予处罚情形' }, null],
  // Not about punishment at all.
  ['不予受理', { penaltyTypes: ['其他'], penaltyContent: '不予受理' }, null],
  ['不予许可', { penaltyTypes: ['其他'], penaltyContent: '依法不予许可' }, null],
  ['不予登记', { penaltyTypes: ['无'], penaltyContent: '经研究，决定不予登记' }, null],
  ['其他 + a penalty', { penaltyTypes: ['其他'], penaltyContent: '罚款人民币3000元' }, null],
  ['nothing stated', {}, null],
  ['其他 alone', { penaltyTypes: ['其他'] }, null],
];

describe('lawfulNonPunishment (不予处罚 by meaning, not by position)', () => {
  it('has a table of at least 40 wordings, both ways', () => {
    expect(notPunished.length + records.length).toBeGreaterThanOrEqual(40);
    expect(notPunished.length).toBeGreaterThanOrEqual(20);
    expect(records.length).toBeGreaterThanOrEqual(20);
  });

  it.each(notPunished)('%s: lawfully not punished', (_, row, expected) => {
    const evidence = lawfulNonPunishment(row);
    expect(evidence && `${evidence.field}: ${evidence.wording}`).toBe(expected);
  });

  it.each(records)('%s: a record', (_, row) => {
    expect(lawfulNonPunishment(row)).toBeNull();
  });
});
