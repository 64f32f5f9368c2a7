// Policy coverage: which elements of the policies a run exercised, told by the engine as it evaluates them.
export {CoverageCollector, type TrackedFile} from './collector.js';
export {policyElements} from './elements.js';
export {type CoverageReportOptions, coveragePercent, coverageReport, formatPercent, meetsThreshold, roundedPercent, thresholdShortfall} from './report.js';
export {
  type CoverageTotals,
  type CoverageReport,
  ELEMENT_KINDS,
  type ElementCoverage,
  type ElementKind,
  type FileCoverage,
  OUTCOMES,
  type Outcome,
  type PolicyElement,
} from './types.js';
