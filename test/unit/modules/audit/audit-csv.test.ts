import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER, auditCsvLine, csvCell, csvLine, CSV_BOM } from '../../../../server/src/modules/audit/audit-csv.js';

/** staff.md "Audit trail": the CSV opens in Excel (BOM, CRLF, RFC 4180) and never runs a formula. */
describe('CSV cells', () => {
  it('quotes (RFC 4180) only what needs it: a quote (doubled), a comma, a line break', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('東京')).toBe('東京');
  });

  it('a cell a spreadsheet would run as a formula gets a leading apostrophe (= + - @ tab CR)', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+81 3 0000')).toBe("'+81 3 0000");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('lines end with CRLF; the file starts with the BOM and the header', () => {
    expect(csvLine(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
    expect(CSV_BOM).toBe('\uFEFF');
    expect(csvLine(AUDIT_CSV_HEADER)).toBe(
      'seq,at,staff_id,bureau,action,target,reason,reception_number,request_id,ip,details,prev_hash,hash\r\n',
    );
  });

  it('an event: time in Japan (ISO 8601, +09:00), details as canonical JSON', () => {
    const line = auditCsvLine({
      seq: '7', at: '2026-04-01T00:00:00.123Z', staff_id: null, bureau: 'TOKYO', action: 'NOTICE_SAVED', target: '3', reason: '-1 day',
      reception_number: null, request_id: 'r1', ip: '192.0.2.1', details: { b: 1, a: 'x,"y"' }, prev_hash: '0'.repeat(64), hash: 'f'.repeat(64),
    });
    expect(line).toBe(`7,2026-04-01T09:00:00.123+09:00,,TOKYO,NOTICE_SAVED,3,'-1 day,,r1,192.0.2.1,"{""a"":""x,\\""y\\"""",""b"":1}",${'0'.repeat(64)},${'f'.repeat(64)}\r\n`);
  });
});
