import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { issuesToCsv, sortIssues, type DataIssue } from '../../src/io/data-issue.ts';

const issue = (line: number | null, message: string, severity: DataIssue['severity'] = 'warning'): DataIssue => ({ severity, file: 'lb.csv', line, column: 'LBORRESU', value: 'mmol/L', message });

test('sortIssues: file, line (file-level first), column, message; an identical issue found twice is listed once', () => {
  const unit = issue(3, 'unit "mmol/L" is not in the conversion table for CREAT');
  const sorted = sortIssues([issue(9, 'b'), unit, issue(null, 'a'), { ...unit }, issue(3, 'unit "mmol/L" is not in the conversion table for CREAT', 'fatal')]);
  assert.equal(sorted.map((i) => [i.line, i.severity]), [[null, 'warning'], [3, 'warning'], [3, 'fatal'], [9, 'warning']]);
  assert.is(issuesToCsv([unit, { ...unit }]).split('\n').length, 3, 'header, one row, final newline');
});

test.run();
