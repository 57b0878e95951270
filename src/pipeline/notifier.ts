// Mails about runs (FEATURES.md §10): per profile, recipients and subject, sent on success
// and/or on failure through the appliance's SMTP settings. The mail says what happened
// (counts, the first errors, the link to the run page) so the reader can act without
// opening the appliance first.
import { smtpTransport } from '../adapters/delivery/mail.js';
import type { SmtpSettings } from '../domain/delivery-destination.js';
import type { Profile } from '../domain/profile.js';
import type { ErrorLine, RunRecord, RunStatus } from '../domain/run.js';
import { logger } from '../log.js';

const log = logger('pipeline');

/** At most this many error lines in a mail; the run page has them all. */
export const MAX_MAIL_ERRORS = 20;

const STATUS_LABELS: Record<RunStatus, string> = {
  running: 'en cours',
  succeeded: 'réussie',
  partly: 'partiellement réussie',
  failed: 'échouée',
};

const TASK_LABELS: Record<RunRecord['task'], string> = {
  orders: 'Import des commandes',
  creditnotes: 'Import des avoirs',
  'drop-folder': 'Fichier déposé',
};

export interface NotifierDeps {
  /** The appliance's SMTP settings, read at each mail (they may change); none: no mail. */
  getSmtp(): SmtpSettings | undefined;
  /** The appliance's address as users reach it, for the link to the run page. */
  baseUrl(): string;
  errors(runId: number): Promise<ErrorLine[]>;
  timeoutMs?: number;
}

/**
 * Whether this run's outcome is one the profile asked mails for. A partly successful run
 * is sent when either is asked: it has failed documents to fix, and booked ones.
 */
export function wantsMail(run: RunRecord, settings: Profile['notifications']): boolean {
  if (settings.recipients.length === 0) return false;
  if (run.status === 'succeeded') return settings.onSuccess;
  if (run.status === 'failed') return settings.onFailure;
  if (run.status === 'partly') return settings.onFailure || settings.onSuccess;
  return false;
}

/** %P the profile's name, %S the status ("échouée"). */
export function mailSubject(template: string, run: RunRecord): string {
  return template.replace(/%([PS%])/g, (_, c: string) =>
    c === 'P' ? run.profileName : c === 'S' ? STATUS_LABELS[run.status] : '%',
  );
}

export function mailBody(run: RunRecord, errors: ErrorLine[], runUrl: string): string {
  const c = run.counts;
  const lines = [
    `${TASK_LABELS[run.task]} — profil ${run.profileName} — exécution n° ${run.id} ${STATUS_LABELS[run.status]}.`,
    '',
    `Début : ${run.startedAt}${run.endedAt ? `, fin : ${run.endedAt}` : ''}`,
    `Documents lus : ${c.read}, transférés : ${c.booked}, en échec : ${c.failed}, ignorés : ${c.ignored}`,
    `Écritures : ${c.entries} (${c.lines} lignes), débit ${run.debit}, crédit ${run.credit}`,
  ];
  if (run.message) lines.push('', run.message);
  if (errors.length > 0) {
    lines.push('', `Erreurs (${errors.length}) :`);
    for (const e of errors.slice(0, MAX_MAIL_ERRORS)) {
      const where = [e.file, e.document, e.field].filter(Boolean).join(', ');
      lines.push(`- ${where ? `${where} : ` : ''}${e.message} → ${e.fix}`);
    }
    if (errors.length > MAX_MAIL_ERRORS) lines.push(`… et ${errors.length - MAX_MAIL_ERRORS} autres.`);
  }
  lines.push('', `Détails : ${runUrl}`, '', '— Comptoir');
  return lines.join('\n');
}

export interface Notifier {
  /** Sends the run's mail if the profile asks for it; true when one was sent. Never throws. */
  notify(run: RunRecord, profile: Profile): Promise<boolean>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  return {
    async notify(run, profile) {
      if (!wantsMail(run, profile.notifications)) return false;
      const smtp = deps.getSmtp();
      if (!smtp) {
        log.warn('run mail not sent: no SMTP settings', { run: run.id, profile: profile.id });
        return false;
      }
      const mailer = smtpTransport(smtp, timeoutMs);
      try {
        const errors = await deps.errors(run.id);
        await mailer.sendMail({
          from: smtp.from,
          to: profile.notifications.recipients,
          subject: mailSubject(profile.notifications.subject, run),
          text: mailBody(run, errors, `${deps.baseUrl().replace(/\/+$/, '')}/runs/${run.id}`),
        });
        return true;
      } catch (error) {
        // The run is done and recorded; a mail that cannot go is the technical log's.
        log.error('run mail not sent', { run: run.id, server: `${smtp.host}:${smtp.port}`, error });
        return false;
      } finally {
        mailer.close();
      }
    },
  };
}
