import { z } from 'zod';

/**
 * `teams:` in patchbay.yaml. The webhook URL is a secret: its `sig` query parameter is the only
 * credential, so whoever holds the URL can post to the channel.
 */
export const teamsOptionsSchema = z.object({
  webhookUrl: z
    .string()
    .refine(
      (u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol),
      'expected an http(s) URL',
    ),
});
export type TeamsOptions = z.infer<typeof teamsOptionsSchema>;
