import { lawfulNonPunishment, type PenaltyWording } from './lawfulNonPunishment';

describe('lawfulNonPunishment (不予处罚 is not a record)', () => {
  it.each<[PenaltyWording, string, string]>([
    [{ penaltyTypes: ['不予行政处罚'] }, 'penaltyTypes', '不予行政处罚'],
    [{ penaltyTypes: ['不予处罚'] }, 'penaltyTypes', '不予处罚'],
    [{ penaltyTypes: ['免予处罚'] }, 'penaltyTypes', '免予处罚'],
    [{ penaltyTypes: ['免于行政处罚'] }, 'penaltyTypes', '免于行政处罚'],
    [{ penaltyTypes: '依法不予行政处罚' }, 'penaltyTypes', '依法不予行政处罚'],
    [{ penaltyTypes: [], penaltyContent: '不予以行政处罚（首违不罚）' }, 'penaltyContent', '不予以行政处罚'],
    [{ penaltyTypes: null, penaltyContent: '（不予处罚）' }, 'penaltyContent', '不予处罚'],
  ])('%j is lawful non-punishment', (row: PenaltyWording, field: string, wording: string) => {
    expect(lawfulNonPunishment(row)).toEqual({ field, wording });
  });

  it.each<[PenaltyWording, string]>([
    [{ penaltyTypes: ['警告', '不予处罚'] }, 'a second type punished something'],
    [{ penaltyTypes: ['罚款'], penaltyContent: '不予行政处罚' }, 'the listed type is a fine'],
    [{ penaltyTypes: ['不予行政处罚'], fineAmount: '5000.00' }, 'a fine above zero was imposed'],
    [{ penaltyTypes: ['不予处罚'], confiscatedAmount: '12.5' }, 'something was confiscated'],
    [{ penaltyContent: '对其中一项不予处罚，另罚款五千元', penaltyTypes: ['罚款'] }, 'partial non-punishment'],
    [{ penaltyContent: '罚款人民币5000元。依法不予行政处罚的情形不适用' }, 'the phrase is not the opening'],
    [{}, 'nothing stated'],
  ])('%j is a record (%s)', (row) => {
    expect(lawfulNonPunishment(row)).toBeNull();
  });

  it('a zero fine does not make a non-punishment a record', () => {
    expect(lawfulNonPunishment({ penaltyTypes: ['不予处罚'], fineAmount: '0.00' })).not.toBeNull();
  });
});
