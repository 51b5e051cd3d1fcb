/**
 * One chat completion through CloudBase AI with the real SDK:
 * `cloud.ai().createModel(group).generateText({ model, messages })`. wx-server-sdk ships no typings
 * for ai(), so its shape is declared here and the reply checked once.
 *
 * The SDK's own request timeout is 15 s and cannot be set per call, so the wait is bounded here;
 * a late reply is dropped (its rejection is swallowed so it never surfaces as unhandled).
 */
import type { AiSettings } from '../env';
import type { Cloud } from '../kit/types';
import type { ChatMessage } from './prompt';

interface GenerateTextResult {
  text?: unknown;
}

interface AiModule {
  createModel(group: string): {
    generateText(input: { model: string; messages: ChatMessage[] }): Promise<GenerateTextResult>;
  };
}

export class AiTimeoutError extends Error {
  override name = 'AiTimeoutError';
}

export class AiReplyError extends Error {
  override name = 'AiReplyError';
}

export async function generateText(
  cloud: Cloud,
  settings: Pick<AiSettings, 'model' | 'modelName' | 'timeoutMs'>,
  messages: ChatMessage[],
): Promise<string> {
  const ai = (cloud as unknown as { ai(): AiModule }).ai();
  const call = ai.createModel(settings.model).generateText({ model: settings.modelName, messages });
  call.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AiTimeoutError(`no reply within ${settings.timeoutMs} ms`)),
      settings.timeoutMs,
    );
  });
  try {
    const res = await Promise.race([call, timeout]);
    if (typeof res.text !== 'string') throw new AiReplyError('reply has no text');
    return res.text;
  } finally {
    clearTimeout(timer);
  }
}
