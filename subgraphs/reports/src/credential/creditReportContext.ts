/** The platform's own JSON-LD context for report credentials: bundled, served at CREDIT_REPORT_CONTEXT_PATH. */
export const CREDIT_REPORT_CONTEXT_PATH = '/contexts/credit-report/v1';

/** Terms not in the VC 2.0 context live in its issuer-dependent namespace (VC 2.0 §5.2 provides it for such terms). */
export const CREDIT_REPORT_CONTEXT = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    gzcr: 'https://www.w3.org/ns/credentials/issuer-dependent#gzcr-',
    SpecialCreditReportCredential: 'gzcr:SpecialCreditReportCredential',
    SpecialCreditReport: 'gzcr:SpecialCreditReport',
    DomainOutcome: 'gzcr:DomainOutcome',
    creditCode: 'gzcr:creditCode',
    subjectKind: 'gzcr:subjectKind',
    report: { '@id': 'gzcr:report', '@type': '@id' },
    reportNumber: 'gzcr:reportNumber',
    issuerProvince: 'gzcr:issuerProvince',
    scenario: 'gzcr:scenario',
    periodFrom: { '@id': 'gzcr:periodFrom', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    periodTo: { '@id': 'gzcr:periodTo', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    coverageFrom: { '@id': 'gzcr:coverageFrom', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    snapshotSha256: 'gzcr:snapshotSha256',
    domainOutcomes: { '@id': 'gzcr:domainOutcomes', '@container': '@set' },
    domainCode: 'gzcr:domainCode',
    domainName: 'gzcr:domainName',
    outcome: 'gzcr:outcome',
    recordCount: { '@id': 'gzcr:recordCount', '@type': 'http://www.w3.org/2001/XMLSchema#integer' },
  },
} as const;
