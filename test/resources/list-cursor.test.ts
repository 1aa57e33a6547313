import { createHmac } from 'node:crypto';
import { InvalidCursorError } from '../../app/core/errors';
import { ListCursorCodec } from '../../app/resources/list-cursor';

const position = {
  createdAt: '2026-01-01T00:00:00.000Z',
  id: '3f1c2b9e-8c7d-4e6f-9a0b-1c2d3e4f5a6b',
};

describe('ListCursorCodec', () => {
  const codec = new ListCursorCodec('a'.repeat(32));

  it('round-trips a position for the same filter', () => {
    expect(codec.decode(codec.encode(position, undefined), undefined)).toEqual(position);
    expect(codec.decode(codec.encode(position, 'archived'), 'archived')).toEqual(position);
  });

  it('produces URL-safe cursors', () => {
    expect(codec.encode(position, 'active')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('rejects cursors signed with another secret', () => {
    const other = new ListCursorCodec('b'.repeat(32));
    expect(() => codec.decode(other.encode(position, undefined), undefined)).toThrow(
      InvalidCursorError,
    );
  });

  it('rejects a cursor used with a different filter', () => {
    expect(() => codec.decode(codec.encode(position, 'active'), undefined)).toThrow(
      InvalidCursorError,
    );
  });

  it('rejects a correctly signed payload of the wrong shape', () => {
    const sign = (payload: unknown) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${createHmac('sha256', 'a'.repeat(32)).update(body).digest('base64url')}`;
    };
    for (const payload of [
      { v: 2, c: position.createdAt, i: position.id, s: null },
      { v: 1, c: 'yesterday', i: position.id, s: null },
      { v: 1, c: position.createdAt, i: '../x', s: null },
      'string',
      null,
    ]) {
      expect(() => codec.decode(sign(payload), undefined)).toThrow(InvalidCursorError);
    }
  });
});
