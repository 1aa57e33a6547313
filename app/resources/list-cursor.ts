import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../core/errors';

/** Where a list page ends: the last record returned. Opaque outside storage and this codec. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

/**
 * Opaque list cursors: `base64url(JSON payload) "." base64url(HMAC-SHA256)`. The signature
 * stops clients from forging positions (or probing the index); the payload binds the cursor
 * to the filter it was issued for (the items list's status; none for generated resources).
 */
interface CursorPayload {
  v: 1;
  c: string; // createdAt
  i: string; // id
  s: string | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ListCursorCodec {
  constructor(private readonly secret: string) {}

  encode(position: ListPosition, status: string | undefined): string {
    const payload: CursorPayload = {
      v: 1,
      c: position.createdAt,
      i: position.id,
      s: status ?? null,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** Throws InvalidCursorError unless the cursor is one we issued for this same filter. */
  decode(cursor: string, status: string | undefined): ListPosition {
    const [body, signature, ...rest] = cursor.split('.');
    if (!body || !signature || rest.length > 0) throw new InvalidCursorError();
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
    const payload = parsed as Partial<CursorPayload>;
    if (
      payload.v !== 1 ||
      typeof payload.c !== 'string' ||
      !ISO_INSTANT.test(payload.c) ||
      typeof payload.i !== 'string' ||
      !UUID.test(payload.i)
    ) {
      throw new InvalidCursorError();
    }
    if ((payload.s ?? undefined) !== status) {
      throw new InvalidCursorError('The cursor was issued for a different status filter');
    }
    return { createdAt: payload.c, id: payload.i };
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body).digest();
  }
}
