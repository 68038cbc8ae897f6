/**
 * The texts of outbound messages. A message row stores a template name and its values (jsonb),
 * not finished text, so the wording can be corrected before delivery and the row holds no more
 * than it needs.
 */
export interface OutboundBody {
  template: 'matter_replied';
  code: string;
}

/** The SMS telling a petitioner that the matter was answered, with the code to look it up and rate it. */
export function matterRepliedBody(code: string): OutboundBody {
  return { template: 'matter_replied', code };
}

/** The text sent for a stored body; an unknown template is sent as its JSON rather than lost. */
export function renderOutboundBody(body: unknown): string {
  const b = body as Partial<OutboundBody> | null;
  if (b?.template === 'matter_replied' && typeof b.code === 'string') {
    return `【基层】您反映的事项（编号 ${b.code}）已答复。请凭事项编号查看答复并评价，感谢您的监督。`;
  }
  return JSON.stringify(body);
}
