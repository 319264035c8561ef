/**
 * The checks a Teams Workflows webhook ("When a Teams webhook request is received" followed by
 * "Post card in a chat or channel") applies to a body, written independently of Patchbay's own
 * types so that the stand-in catches a notifier that drifts from the wire format.
 */

/** An error envelope as Logic Apps / Power Automate write them: `{error: {code, message}}`. */
export interface WorkflowError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const schemaMismatch = (detail: string): WorkflowError => ({
  status: 400,
  code: 'TriggerInputSchemaMismatch',
  message: `The input body for trigger 'manual' of type 'Request' did not match its schema definition. ${detail}`,
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Teams' limit on one message, card included. */
export const MAX_MESSAGE_BYTES = 28 * 1024;

/** Null when `raw` is a message Workflows would post; else the error it would answer with. */
export function validateWorkflowBody(
  contentType: string | undefined,
  raw: Buffer,
): WorkflowError | null {
  if (!contentType || !/^application\/json\b/i.test(contentType)) {
    return {
      status: 400,
      code: 'InvalidRequestContent',
      message: `The input body for trigger 'manual' of type 'Request' must be of type JSON, but was of type '${contentType ?? 'none'}'.`,
    };
  }
  if (raw.length > MAX_MESSAGE_BYTES) {
    return { status: 413, code: 'MessageTooLarge', message: 'The message exceeds 28 KB.' };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return {
      status: 400,
      code: 'InvalidRequestContent',
      message: "The input body for trigger 'manual' of type 'Request' is not valid JSON.",
    };
  }
  if (!isObject(body) || body['type'] !== 'message')
    return schemaMismatch("'type' must be 'message'.");
  const attachments = body['attachments'];
  if (!Array.isArray(attachments) || attachments.length === 0) {
    return schemaMismatch("'attachments' must be a non-empty array.");
  }
  for (const [i, a] of attachments.entries()) {
    if (!isObject(a)) return schemaMismatch(`attachments[${i}] must be an object.`);
    if (a['contentType'] !== 'application/vnd.microsoft.card.adaptive') {
      return schemaMismatch(
        `attachments[${i}].contentType must be 'application/vnd.microsoft.card.adaptive'.`,
      );
    }
    const card = a['content'];
    if (!isObject(card) || card['type'] !== 'AdaptiveCard') {
      return schemaMismatch(`attachments[${i}].content: Property 'type' must be 'AdaptiveCard'.`);
    }
    if (typeof card['version'] !== 'string' || !/^1\.[0-5]$/.test(card['version'])) {
      return schemaMismatch(`attachments[${i}].content.version must be '1.0' to '1.5'.`);
    }
    const cardBody = card['body'];
    if (
      !Array.isArray(cardBody) ||
      !cardBody.every((e) => isObject(e) && typeof e['type'] === 'string')
    ) {
      return schemaMismatch(
        `attachments[${i}].content.body must be an array of elements with a 'type'.`,
      );
    }
  }
  return null;
}
