import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ReportRenderer } from '../report/render';
import { HttpError } from '../api/http-error';
import { LAMBDA_PAYLOAD_LIMIT, type ReportFormat, RenderResult } from './report-protocol';
import type { AnnualReport } from '../../shared/api/report';

/**
 * The admin function's `reportFiles` on AWS: it sends the annual report it
 * built (already disclosure-controlled) to the report function
 * (functions/lambda/report.ts) in a synchronous invocation and answers with
 * the file that comes back. The admin function carries no renderer, no font
 * and no exceljs (DESIGN §7); the report function no data access.
 *
 * Whatever goes wrong there — the function failed, timed out, could not be
 * reached, or the file is too large for a Lambda response — is a 502 with a
 * Japanese and English message; nothing is half-written (the route writes
 * its audit entry before, as for a local download).
 */

/** One synchronous invocation: the JSON payload in, the function's answer out. */
export type InvokeReport = (payload: string) => Promise<{ payload: string; functionError?: string }>;

/**
 * The real invocation, with the AWS SDK that the Lambda runtime ships, loaded
 * on the first download (not at module init). `client` is for tests.
 */
export function lambdaInvoker(functionName: string, region: string, client?: LambdaClient): InvokeReport {
  let sdk: Promise<{ lambda: LambdaClient; Invoke: typeof InvokeCommand }> | undefined;
  return async (payload) => {
    sdk ??= import('@aws-sdk/client-lambda').then((m) => ({
      lambda: client ?? new m.LambdaClient({ region }),
      Invoke: m.InvokeCommand,
    }));
    const { lambda, Invoke } = await sdk;
    const out = await lambda.send(
      new Invoke({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(payload),
      }),
    );
    return {
      payload: out.Payload ? new TextDecoder().decode(out.Payload) : '',
      ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
    };
  };
}

const failed = (detail: string) =>
  new HttpError(
    502,
    'report_render_failed',
    `報告書のファイルを作成できませんでした。時間をおいてもう一度お試しください / the report file could not be rendered: ${detail}`,
  );

/** A ReportRenderer that asks the report function for each file. */
export function remoteReportRenderer(invoke: InvokeReport): ReportRenderer {
  const render = async (format: ReportFormat, report: AnnualReport): Promise<Uint8Array> => {
    const payload = JSON.stringify({ format, report });
    if (Buffer.byteLength(payload) > LAMBDA_PAYLOAD_LIMIT) {
      throw new HttpError(
        502,
        'report_too_large',
        `報告書のデータが AWS Lambda の上限 (6 MB) を超えます / the report data is over AWS Lambda's 6 MB limit`,
      );
    }
    let answer: Awaited<ReturnType<InvokeReport>>;
    try {
      answer = await invoke(payload);
    } catch (err) {
      throw failed(`the report function could not be invoked (${err instanceof Error ? err.name : 'error'})`);
    }
    if (answer.functionError) {
      // Lambda's own error types (e.g. a response over 6 MB) are named; the message is not passed on.
      let type = answer.functionError;
      try {
        const body = JSON.parse(answer.payload) as { errorType?: unknown };
        if (typeof body.errorType === 'string') type = body.errorType.slice(0, 100);
      } catch {}
      throw failed(`the report function failed (${type})`);
    }
    let parsed: RenderResult;
    try {
      parsed = RenderResult.parse(JSON.parse(answer.payload));
    } catch {
      throw failed('the report function gave an answer of the wrong shape');
    }
    if (!parsed.ok) {
      throw new HttpError(
        502,
        parsed.code === 'too_large' ? 'report_too_large' : 'report_render_failed',
        parsed.message,
      );
    }
    const bytes = new Uint8Array(Buffer.from(parsed.base64, 'base64'));
    if (parsed.format !== format || bytes.byteLength !== parsed.bytes) {
      throw failed('the file the report function returned is not the one asked for');
    }
    return bytes;
  };
  return {
    pdf: (report) => render('pdf', report),
    xlsx: (report) => render('xlsx', report),
  };
}
