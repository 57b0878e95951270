// A preview in a Bree worker, like a run (the shop is read and documents booked off the
// main thread), but with no run record, no outbox file and no ledger write.
import path from 'node:path';
import { localDate } from '../clock.js';
import { profileFormats } from './profile-formats.js';
import type { Profile } from '../domain/profile.js';
import type { ConvertJobData, ConvertJobMessage } from '../jobs/convert-file.js';
import { ledgerFile } from '../store/ledger.js';
import type { LetteringCodes } from '../store/lettering.js';
import type { PipelineDeps, ShopRunRequest } from './pipeline.js';
import { withScratchDir, type PreviewResult } from './preview.js';
import { shopQuery } from './shop-query.js';

export async function previewShop(
  deps: Pick<PipelineDeps, 'jobs' | 'layout' | 'timeZone' | 'now' | 'formats'>,
  profile: Profile,
  request: ShopRunRequest,
  /** The profile's last lettering codes, so the preview shows the codes the run will write. */
  lettering?: LetteringCodes,
): Promise<PreviewResult> {
  const { format, customersFormat } = profileFormats(profile, deps.formats?.());
  const today = localDate(deps.now?.() ?? new Date(), deps.timeZone);
  const query = shopQuery(profile.import, request, today);
  return withScratchDir(async (dir) => {
    const data: ConvertJobData = {
      source: { kind: 'shop', query, sourceFile: path.join(dir, 'source.xml') },
      profile,
      format,
      customersFormat,
      // The temporary files are rendered (a value the format cannot hold shows as an error) then removed.
      outDir: dir,
      today,
      ledgerFile: ledgerFile(deps.layout.ledgerDir, profile.id),
      includeTransferred: request.includeTransferred ?? false,
      preview: true,
      excludeDocuments: request.excludeDocuments,
      ...(lettering ? { lettering } : {}),
    };
    const errors: PreviewResult['errors'] = [];
    let outcome: Exclude<ConvertJobMessage, { type: 'event' }> | undefined;
    await deps.jobs.run('convert-file', { ...data }, (message) => {
      const m = message as ConvertJobMessage;
      if (m.type !== 'event') outcome = m;
      else if (m.event.type === 'error') errors.push(m.event.line);
    });
    if (outcome?.type !== 'result') {
      throw new Error(outcome?.message ?? 'The preview ended without a result');
    }
    const { counts, debit, credit } = outcome.result;
    return { counts, debit, credit, entries: outcome.preview ?? [], errors };
  });
}
