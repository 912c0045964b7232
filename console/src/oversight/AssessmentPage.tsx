import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { FEEDBACK_KIND, quarterOf } from '../api/terms';
import { ChartWithTable } from '../components/ChartWithTable';
import { Notice } from '../components/Status';
import { DashboardAssessmentDocument, type DashboardAssessmentQuery } from '../graphql/generated/operations';
import { AssessmentTable } from './AssessmentTable';

const KINDS = Object.keys(FEEDBACK_KIND);

/** The current quarter's assessment (季度评估): aggregates only, open to analysts and the lead department. */
export function AssessmentPage() {
  const [assessment, setAssessment] = useState<DashboardAssessmentQuery['assessment']>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    // The current quarter: the assessment is quarterly by design.
    call(DashboardAssessmentDocument, { quarter: quarterOf() }).then(
      (r) => setAssessment(r.assessment),
      (e) => setError(describeError(e)),
    );
  }, []);
  const byKind = assessment?.complaintsByKind ?? [];
  return (
    <div className="page">
      <h1>季度评估</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {assessment && <AssessmentTable assessment={assessment} />}
      {assessment && (
        <ChartWithTable
          testId="chart-complaint-kinds"
          title={`咨询投诉：按类型（${assessment.quarter}）`}
          labels={KINDS.map((k) => FEEDBACK_KIND[k])}
          series={[{ name: '件数', values: KINDS.map((k) => byKind.find((b) => b.key === k)?.count ?? 0) }]}
        />
      )}
    </div>
  );
}
