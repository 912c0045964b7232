/**
 * 依法不予行政处罚 is not a record (plan, 二(2)). Units' exports carry such decisions as ordinary
 * penalty rows, worded as each office words them; this decides, by what the row's words mean, when a
 * row is one. Records applies it to every submitted and imported row and to stored records
 * (`records:check non-punishment`); reports applies it again before a snapshot is signed.
 *
 * A row is a lawful non-punishment when its 处罚类别 or its 处罚内容 DECIDES not to punish — the phrase
 * 不予(以)(行政)处罚 or 免予/免于(行政)处罚 anywhere in the text, whatever leads up to it (依法, 决定,
 * 经研究，…) — and nothing in the row punishes:
 *  - no 处罚类别 names a penalty (罚款, 没收, 警告, 通报批评, 责令停产停业/关闭, 暂扣/吊销/降低资质,
 *    限制…, 拘留, 给予/从轻/减轻处罚 …);
 *  - the 处罚内容 imposes none (对A不予处罚，对B罚款… punished B);
 *  - no fine or confiscation above zero, and no licence suspended or revoked.
 * A 处罚类别 that neither names a penalty nor decides (其他, 其它, 无, /, —, empty, 责令改正 …) says
 * nothing about punishment and defers to the 处罚内容.
 *
 * The phrase decides nothing inside a title (《…不予处罚清单》), in a clause that denies it
 * (不符合不予处罚的条件) or where it only qualifies a noun (不予处罚的情形); a penalty word punishes
 * nothing when negated (不予罚款), hypothetical (依法应当给予行政处罚，但…) or of zero (罚款0元).
 * 不予受理, 不予许可 and the like are not about punishment and exclude nothing.
 */

/** A decision not to punish, with 依法 kept as part of the wording when the text says it. */
const DECIDES = /(?:依法)?(?:不予以?|免[予于])(?:行政)?处罚/g;
/** Earlier in the same clause: the phrase is denied, not decided. */
const DENIED_BEFORE =
  /(?:不符合|不适用|不属于|不具备|不满足|未满足|并非|而非|不得|不能|不应|不宜)[^，。；,;：:!！?？]*$/;
/** Right after it: the phrase qualifies a noun (的情形, 条件, 清单 …); "的决定" still decides. */
const NOUN_AFTER = /^(?:的(?!决定)|情形|条件|规定|情节|清单|标准|事项|范围)/;

/** Words of a penalty imposed (行政处罚法 第九条, and the ways decisions say so). */
const PENALTY =
  /罚款|罚金|没收|警告|通报批评|责令(?:停产|停业|关闭)|停产停业|暂扣|吊销|降低资质|(?:限制|禁止)(?:开展)?(?:生产经营|从业|经营|申请|业务)|拘留|(?:予以|给予|从轻|减轻|从重)(?:行政)?处罚/g;
/** Right before a penalty word: it is not imposed (不予罚款, 免予没收, 无罚款, 不予以处罚 …). */
const NEGATED_BEFORE = /(?:不予以?|免[予于除]|不再|无需|无须|不|无|未|没有)$/;
/** Earlier in the same clause: it is what the law would allow, not what was decided. */
const HYPOTHETICAL_BEFORE = /(?:应当|本应|应予|可以|可处|可并处)[^，。；,;：:!！?？]*$/;
/** Right after 罚款 / 没收: an amount of zero (罚款人民币0元, 没收违法所得0元). */
const ZERO_AFTER = /^[^，。；,;：:\d０-９]{0,10}?[0０]+(?:\.0+)?万?元/;

export interface NonPunishmentEvidence {
  field: 'penaltyTypes' | 'penaltyContent';
  wording: string;
}

export interface PenaltyWording {
  penaltyTypes?: readonly string[] | string | null;
  penaltyContent?: string | null;
  fineAmount?: string | null;
  confiscatedAmount?: string | null;
  /** SUSPENDED or REVOKED (暂扣/吊销证照): a licence action is a penalty. */
  licenceAction?: string | null;
}

/** What one text says: the first decision not to punish in it, and whether it imposes a penalty. */
interface Reading {
  decides: string | null;
  punishes: boolean;
}

const clean = (text: string) =>
  text
    .replace(/\s+/g, '')
    // A law's or list's title names penalties and non-punishments without deciding any.
    .replace(/《[^》]*》|〈[^〉]*〉/g, '《》');

function read(raw: string): Reading {
  const text = clean(raw);
  let punishes = false;
  for (const m of text.matchAll(PENALTY)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    if (NEGATED_BEFORE.test(before) || HYPOTHETICAL_BEFORE.test(before)) continue;
    if ((m[0] === '罚款' || m[0] === '没收') && ZERO_AFTER.test(after)) continue;
    punishes = true;
    break;
  }
  let decides: string | null = null;
  for (const m of text.matchAll(DECIDES)) {
    if (DENIED_BEFORE.test(text.slice(0, m.index))) continue;
    if (NOUN_AFTER.test(text.slice(m.index + m[0].length))) continue;
    decides = m[0];
    break;
  }
  return { decides, punishes };
}

const positive = (amount: string | null | undefined) => !!amount && /[1-9]/.test(amount.replace(/^.*?(?=\d)/, ''));

const categories = (types: PenaltyWording['penaltyTypes']) =>
  (Array.isArray(types) ? types : String(types ?? '').split(/[;；、,，]/)).map((t) => t.trim()).filter(Boolean);

/** The evidence that a decision was lawfully not punished, or null when it is a record. */
export function lawfulNonPunishment(row: PenaltyWording): NonPunishmentEvidence | null {
  if (positive(row.fineAmount) || positive(row.confiscatedAmount) || row.licenceAction?.trim()) return null;
  let evidence: NonPunishmentEvidence | null = null;
  for (const type of categories(row.penaltyTypes)) {
    const r = read(type);
    if (r.punishes) return null;
    if (r.decides && !evidence) evidence = { field: 'penaltyTypes', wording: r.decides };
  }
  if (row.penaltyContent) {
    const r = read(row.penaltyContent);
    if (r.punishes) return null;
    if (r.decides && !evidence) evidence = { field: 'penaltyContent', wording: r.decides };
  }
  return evidence;
}
