import { z } from 'zod';

/**
 * `inventory.jamf` as config gives it. Unset keys arrive as null; which credentials are required
 * together is checked in settings.ts so the error can name the missing key.
 */
export const jamfSettingsSchema = z.object({
  url: z.url().nullish(),
  clientId: z.string().nullish(),
  clientSecret: z.string().nullish(),
  username: z.string().nullish(),
  password: z.string().nullish(),
  pageSize: z.number().int().min(1).max(2000).nullish(),
  concurrency: z.number().int().min(1).max(32).nullish(),
});

/** POST /api/oauth/token (API client, client credentials). */
export const oauthTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

/** POST /api/v1/auth/token (user and password, Basic auth). */
export const basicTokenSchema = z.object({
  token: z.string().min(1),
  expires: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
});

const text = z.string().nullish();
const date = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
  .nullish();

/** GET /api/v1/computers-inventory: the page envelope; records are parsed one by one. */
export const inventoryPageSchema = z.object({
  totalCount: z.number().int().min(0),
  results: z.array(z.unknown()),
});

/**
 * One computer with the sections we ask for. A section we did not get is `null` in Jamf's answer,
 * so every section is nullish.
 */
export const computerSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  // The hardware UUID (IOPlatformUUID): what an osquery node's serial claim is checked against.
  udid: text,
  general: z.object({ name: text, lastContactTime: date }).nullish(),
  // modelIdentifier ("Mac14,10"): which macOS majors the Mac can run (SOFA's Models).
  hardware: z.object({ serialNumber: text, modelIdentifier: text }).nullish(),
  operatingSystem: z.object({ version: text, build: text }).nullish(),
  userAndLocation: z.object({ username: text, realname: text, email: text }).nullish(),
  applications: z.array(z.object({ name: text, bundleId: text, version: text })).nullish(),
});
export type JamfComputer = z.infer<typeof computerSchema>;

/** GET /JSSResource/computers/serialnumber/{serial} with Accept: application/json. */
export const classicComputerSchema = z.object({
  computer: z.object({
    general: z.object({
      id: z.number().int(),
      name: text,
      serial_number: text,
      udid: text,
      last_contact_time_utc: z
        .union([
          z.literal(''),
          z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
        ])
        .nullish(),
    }),
    location: z.object({ realname: text, real_name: text, email_address: text }).nullish(),
    hardware: z.object({ os_version: text, os_build: text, model_identifier: text }).nullish(),
    software: z
      .object({
        applications: z.array(z.object({ name: text, bundle_id: text, version: text })).nullish(),
      })
      .nullish(),
  }),
});
export type ClassicComputer = z.infer<typeof classicComputerSchema>;
