import { z } from 'zod';
import { roles, actions } from '../../core/policy.ts';
import { isStrongPassword } from './password.ts';

export const ZLoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** A password that meets the policy; the refinement carries the message code. */
export const ZNewPassword = z
  .string()
  .max(256)
  .refine(isStrongPassword, { params: { code: 'WEAK_PASSWORD' } });

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZNewPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZSessionResponse = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    personId: z.string().nullable(),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(z.object({ role: z.enum(roles), unitId: z.string(), unitName: z.string() })),
  /** Actions the account may perform somewhere in its scope; the web client shapes its menu from these. */
  can: z.array(z.enum(actions)),
  csrfToken: z.string(),
  expiresAt: z.string(),
  idleMinutes: z.number(),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;
