// The plain format: one line with the verdict (what was proven, in which log,
// signed by which key), then one line per witness that cosigned; or the
// failure's code and reason.
import {verifierKeyLabel} from '../../../audit/tlog/keys.js';
import type {ProofCheckReport, ProofCheckReporter} from './types.js';

export const textReporter: ProofCheckReporter = (report: ProofCheckReport): string => {
  if (!report.ok) return `${report.proof}: FAILED: ${report.failure!.code}: ${report.failure!.message}\n`;
  const what =
    report.kind === 'inclusion'
      ? `leaf ${report.index} is in the tree of ${report.size} leaves`
      : `the tree of ${report.size} leaves extends the tree of ${report.oldSize} (nothing before leaf ${report.oldSize} was rewritten)`;
  const lines = [`${report.proof}: verified: ${what} of the log ${report.origin}, root ${report.root}, signed by ${verifierKeyLabel(report.logKey!)}`];
  for (const witness of report.witnesses) lines.push(`  cosigned by witness ${verifierKeyLabel(witness.key)} at ${new Date(witness.timestamp * 1000).toISOString()}`);
  return `${lines.join('\n')}\n`;
};
