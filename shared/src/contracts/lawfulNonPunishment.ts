/**
 * 依法不予行政处罚 is not a record (plan, 二(2)). Units' exports carry such decisions as ordinary
 * penalty rows whose 处罚类别 or 处罚内容 says so; this decides, by wording, when a row is one.
 *
 * The wording rule: the phrase 不予(以)(行政)处罚 or 免予/免于(行政)处罚, optionally after 依法, opens
 * EVERY listed 处罚类别 (a row also listing 警告 or 罚款 punished something), or — when no 处罚类别
 * is given — opens the 处罚内容. A row that also states a fine or a confiscation above zero was
 * punished and is a record whatever its text says.
 */
const PHRASE = /^依法?(?:不予以?(?:行政)?处罚|免[予于](?:行政)?处罚)|^(?:不予以?(?:行政)?处罚|免[予于](?:行政)?处罚)/;

export interface NonPunishmentEvidence {
  field: 'penaltyTypes' | 'penaltyContent';
  wording: string;
}

export interface PenaltyWording {
  penaltyTypes?: readonly string[] | string | null;
  penaltyContent?: string | null;
  fineAmount?: string | null;
  confiscatedAmount?: string | null;
}

const opens = (text: string) => PHRASE.exec(text.trim().replace(/^[\s"'“”（(]+/, ''))?.[0] ?? null;
const positive = (amount: string | null | undefined) => !!amount && /[1-9]/.test(amount.replace(/^.*?(?=\d)/, ''));

/** The evidence that a decision was lawfully not punished, or null when it is a record. */
export function lawfulNonPunishment(row: PenaltyWording): NonPunishmentEvidence | null {
  if (positive(row.fineAmount) || positive(row.confiscatedAmount)) return null;
  const types = (
    Array.isArray(row.penaltyTypes) ? row.penaltyTypes : String(row.penaltyTypes ?? '').split(/[;；、,，]/)
  )
    .map((t) => t.trim())
    .filter(Boolean);
  if (types.length > 0) {
    const wordings = types.map(opens);
    return wordings.every((w) => w !== null) ? { field: 'penaltyTypes', wording: wordings[0]! } : null;
  }
  const content = row.penaltyContent ? opens(row.penaltyContent) : null;
  return content ? { field: 'penaltyContent', wording: content } : null;
}
