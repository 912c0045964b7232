import { RecordsApi, ReportsApi, type CatalogueSourceUnit, type ServiceClient } from '@credit/shared';

export type UnitQualityFigures = RecordsApi.QualityForAssessmentQuery['recordQuality'][number];
export type QualityWarningFigures = RecordsApi.QualityForAssessmentQuery['recordQualityWarnings'];
export type ReportCountFigures = ReportsApi.ReportCountsForAssessmentQuery['reportStatistics'];

/**
 * What the assessment reads from the other subgraphs, through their public queries (as SERVICE,
 * with the typed generated clients): records' quality figures and warnings, reports' issuance
 * counts, and the unit register of entities. When those queries move onto maintained aggregates
 * the assessment gets faster without a change here.
 */
export class AssessmentSources {
  constructor(
    private readonly records: ServiceClient,
    private readonly reports: ServiceClient,
    readonly units: (requestId?: string) => Promise<CatalogueSourceUnit[]>,
  ) {}

  async quality(from: string, to: string, requestId?: string) {
    const data = await this.records(RecordsApi.QualityForAssessmentDocument, { from, to }, requestId);
    return { units: data.recordQuality, warnings: data.recordQualityWarnings };
  }

  async reportCounts(from: string, to: string, requestId?: string): Promise<ReportCountFigures> {
    return (await this.reports(ReportsApi.ReportCountsForAssessmentDocument, { from, to }, requestId)).reportStatistics;
  }
}
