import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/src/config.js';
import { isAllowedStaffNetwork } from '../../../../server/src/modules/staff/staff-networks.js';
import { normalizeTotpCode } from '../../../../server/src/modules/staff/totp.js';

describe('isAllowedStaffNetwork', () => {
  it('allows everyone when STAFF_ALLOWED_NETWORKS is unset', () => {
    expect(isAllowedStaffNetwork(loadConfig({}, []), '203.0.113.9')).toBe(true);
  });

  it('allows exactly the listed blocks, IPv4-mapped IPv6 as IPv4, and nothing that is no address', () => {
    const config = loadConfig({ STAFF_ALLOWED_NETWORKS: '10.20.0.0/16,192.0.2.7,2001:db8::/32' }, []);
    const allowed = (ip: string) => isAllowedStaffNetwork(config, ip);
    expect(['10.20.0.1', '10.20.255.254', '192.0.2.7', '::ffff:10.20.3.4', '2001:db8::1', '2001:db8:ffff::9'].map(allowed)).toEqual([true, true, true, true, true, true]);
    expect(['10.21.0.1', '192.0.2.8', '2001:db9::1', '::1', '127.0.0.1', 'unknown', ''].map(allowed)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('normalizeTotpCode', () => {
  it('forgives full-width digits, spaces and a hyphen between the halves; leaves anything else for the check to refuse', () => {
    expect(normalizeTotpCode('１２３ ４５６')).toBe('123456');
    expect(normalizeTotpCode('123-456')).toBe('123456');
    expect(normalizeTotpCode('12a456')).toBe('12a456');
  });
});
