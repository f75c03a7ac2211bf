/**
 * The error type or message of a refusal's JSON answer (CloudWatch Logs' `__type`/`message`, Rollbar's
 * `message`/`error`), with numbers folded to N so that refusals of one kind count together.
 */
export function refusalOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const text = [parsed.__type, parsed.message ?? parsed.Message ?? parsed.error]
      .filter((part) => typeof part === 'string' && part)
      .join(': ');
    return (text || 'refused').replace(/\d+/g, 'N').slice(0, 120);
  } catch {
    return 'refused';
  }
}
