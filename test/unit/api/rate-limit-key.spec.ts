import { clientAddress } from '../../../src/api/auth/rate-limit.guard';

describe('the address a sign-in budget is counted by', () => {
  const key = (ip: string) => clientAddress({ ip });

  it('counts an IPv4 client by its address, also when it arrives IPv4-mapped', () => {
    expect(key('192.0.2.7')).toBe('ip:192.0.2.7');
    expect(key('::ffff:192.0.2.7')).toBe('ip:192.0.2.7');
    expect(key('192.0.2.8')).not.toBe(key('192.0.2.7'));
  });

  it('counts an IPv6 client by its /64, so hopping between its own addresses buys no fresh budget', () => {
    expect(key('2001:db8:1:2::1')).toBe(key('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(key('2001:db8:1:2::1')).toBe(key('2001:0db8:0001:0002:0000:0000:0000:0009'));
    expect(key('2001:db8:1:3::1')).not.toBe(key('2001:db8:1:2::1'));
  });
});
