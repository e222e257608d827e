import type { CodeCheck } from './code-check';
import { refuseReplayedCode } from './revoke-code-grant';

/** A code works once; a second use is refused and revokes what the first one obtained. */
export const checkCodeNotReplayed: CodeCheck = async (ctx, services) => {
  if (ctx.record!.usedAt !== undefined) await refuseReplayedCode(ctx, services);
};
