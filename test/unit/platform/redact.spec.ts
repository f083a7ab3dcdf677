import { safeUrl } from '../../../src/platform/logging/redact';

describe('safeUrl', () => {
  it('logs a hook URL without its task token', () => {
    expect(safeUrl('/api/hooks/tasks/lft_AbC-123_xyz/complete')).toBe('/api/hooks/tasks/[task-token]/complete');
  });

  it('drops query strings and masks CPR-like numbers in the path', () => {
    expect(safeUrl('/api/journeys/0101901234?x=1')).toBe('/api/journeys/[cpr]?…');
  });
});
