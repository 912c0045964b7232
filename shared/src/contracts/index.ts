export * from './calendar';
export * from './period';
export * from './normalPeriod';
export * from './recordContent';
export * from './recordFields';
export * from './subjectAccess';
export * from './lawfulNonPunishment';
export * from './scenarios';
export {
  ACCESS_ACTION_ZH,
  accessActionZh,
  ASSESSMENT_WARNING_ZH,
  COMMITMENT_STATUS_ZH,
  DOMAIN_OUTCOME_ZH,
  FEEDBACK_ACTION_ZH,
  FEEDBACK_KIND_ZH,
  FEEDBACK_STATUS_ZH,
  LICENCE_ACTION_ZH,
  OBJECTION_ACTION_ZH,
  OBJECTION_STATUS_ZH,
  OBJECTION_TYPE_ZH,
  RECORD_CATEGORY_ZH,
  RECORD_CHANGE_ZH,
  RECORD_FIELD_ZH,
  RECORD_STATUS_ZH,
  RECORD_SUBJECT_TYPE_ZH,
  REJECT_REASON_ZH,
  REPORT_STATUS_ZH,
  ROLE_ZH,
  SCENARIO_SHORT_ZH,
  SUBJECT_KIND_ZH,
  SUBJECT_STATUS_ZH,
  term,
  TERM_TABLES,
  VERDICT_ZH,
  VERIFICATION_WARNING_ZH,
} from './terms';
export * from './deadlines';
export * from './quarter';
export * from './spreadsheetText';
export * from './unitRegister';
export * from './subjectName';
