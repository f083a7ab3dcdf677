import { SecretBox, SecretBoxError } from '../../../src/platform/crypto/secret-box';
import { loadConfig } from '../../../src/platform/config/app.config';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });

describe(SecretBox.name, () => {
  const box = new SecretBox([key('b', 2), key('a', 1)]);

  it('seals with the first key, opens with any listed one, and shows nothing of the value', () => {
    const sealed = box.seal('whsec_value', 'row-1');
    expect(sealed).toMatch(/^sb1\.b\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('whsec_value');
    expect(box.seal('whsec_value', 'row-1')).not.toBe(sealed);
    expect(box.open(sealed, 'row-1')).toBe('whsec_value');
    const older = new SecretBox([key('a', 1)]).seal('old value', 'row-2');
    expect(box.open(older, 'row-2')).toBe('old value');
  });

  it('refuses a value moved to another row, altered, or sealed with a key no longer listed', () => {
    const sealed = box.seal('whsec_value', 'row-1');
    expect(() => box.open(sealed, 'row-2')).toThrow(SecretBoxError);
    const [v, id, payload] = sealed.split('.');
    const flipped = `${v}.${id}.${payload.slice(0, 20)}${payload[20] === 'A' ? 'B' : 'A'}${payload.slice(21)}`;
    expect(() => box.open(flipped, 'row-1')).toThrow(/does not open with key "b"/);
    expect(() => new SecretBox([key('a', 1)]).open(sealed, 'row-1')).toThrow('sealed with key "b", which SECRETS_KEY does not list');
    expect(() => box.open('whsec_in_clear', 'row-1')).toThrow('not a sealed value');
  });

  it('in AUTH_MODE=dev without SECRETS_KEY derives its key from the development key, the same on every start', () => {
    const dev = () => SecretBox.fromConfig(loadConfig({ DEV_AUTH_SECRET: 'development-key-development-key-0123' }));
    expect(dev().open(dev().seal('x', 'c'), 'c')).toBe('x');
    expect(() => SecretBox.fromConfig(loadConfig({}))).toThrow(SecretBoxError);
  });
});
