/**
 * Recognising database failures that code must react to. wx-server-sdk rewraps platform errors as
 * `Error` with a numeric `errCode` and the platform's message folded into `errMsg`/`message`
 * (the string code such as DATABASE_TRANSACTION_CONFLICT is lost on the way when the failure
 * comes from a document operation), so the message text is part of the signal.
 */

function fieldsOf(e: unknown): { code: unknown; text: string } {
  if (typeof e === 'string') return { code: undefined, text: e };
  if (typeof e !== 'object' || e === null) return { code: undefined, text: '' };
  const rec = e as Record<string, unknown>;
  const parts = [rec.errMsg, rec.message].filter((v): v is string => typeof v === 'string');
  return { code: rec.code, text: parts.join(' ') };
}

/** An insert or update broke a unique index (including a duplicate `_id`). */
export function isDuplicateKeyError(e: unknown): boolean {
  const { code, text } = fieldsOf(e);
  if (code === 11000 || code === 'DUPLICATE_KEY') return true;
  return /E11000|duplicate key/i.test(text);
}

/** Another transaction wrote the same document first; the whole transaction may be retried. */
export function isTransactionConflict(e: unknown): boolean {
  const { code, text } = fieldsOf(e);
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  // CloudBase's own wording: "[ResourceUnavailable.TransactionConflict] Transaction is conflict, …".
  return /TRANSACTION_CONFLICT|TransactionConflict|transaction (is )?conflict|write conflict/i.test(text);
}
