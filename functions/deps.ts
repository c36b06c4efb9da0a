import type { KeySupply } from './crypto/key-supply';
import type { KeyWrapper } from './crypto/key-wrap';
import type { MailSender } from './mail/message';
import type { Store } from './store';
import type { UploadStore } from './uploads/upload-store';
import type { XlsxRowReader } from './services/roster-source';
import type { ReportRenderer } from './report/render';

export interface AppConfig {
  jwtSecret: string;
  sessionTtlSeconds: number;
  /** Where respondents open invitations, e.g. https://koe.example.jp */
  publicBaseUrl: string;
  /** Secure cookies and HSTS: true everywhere but plain-HTTP loopback. */
  secure: boolean;
  /** Largest JSON body, in bytes. */
  maxJsonBytes: number;
  /** Largest roster CSV, in bytes. */
  maxCsvBytes: number;
}

/**
 * Computes and stores the results of a closed campaign. Locally it runs in
 * process; on AWS it hands the work to the results function, the only one
 * that may read answers.
 */
export type ResultsRunner = (campaignId: string) => Promise<void>;

export interface AppDeps {
  store: Store;
  keys: KeyWrapper;
  config: AppConfig;
  runResults: ResultsRunner;
  /** Delivers codes by e-mail (locally an outbox folder, on AWS SES); without it, only slips. */
  mail?: MailSender;
  /** Where large roster uploads wait for their import (locally the data dir, on AWS S3); without it, none. */
  uploads?: UploadStore;
  /** Reads .xlsx rosters (locally exceljs); without it, rosters must be CSV (the Lambda bundles leave exceljs out). */
  xlsxRows?: XlsxRowReader;
  /** Renders the annual report as PDF and .xlsx (locally pdf-lib, fontkit and exceljs); without it, the JSON report only. */
  reportFiles?: ReportRenderer;
  /** Where signing keys come from (crypto/key-supply.ts); without it, each is made when needed. */
  signingKeys?: KeySupply;
  now?: () => Date;
}

export const defaultLimits = { maxJsonBytes: 256 * 1024, maxCsvBytes: 8 * 1024 * 1024 };
