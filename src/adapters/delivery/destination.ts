// One interface for every remote destination (FEATURES.md §6); the delivery queue calls
// deliver() per file × destination and keeps the file in the outbox whatever happens.
import type { Destination, SmtpSettings } from '../../domain/delivery-destination.js';
import { DeliveryError } from '../../domain/errors.js';
import { createFtpDeliverer } from './ftp.js';
import { createMailDeliverer } from './mail.js';
import { createSftpDeliverer } from './sftp.js';

export { UntrustedServerError } from './destination-errors.js';

/** A file of the outbox (already published) and the name it gets at the destination. */
export interface DeliveryFile {
  path: string;
  name: string;
}

export interface Deliverer {
  /**
   * Puts the file there under `name`, replacing a file of that name (a retry after a lost
   * acknowledgement must succeed). Throws DeliveryError: `retryable` tells the queue
   * whether to try again; the message has no secret and says what to do.
   */
  deliver(file: DeliveryFile): Promise<void>;
  /** Connects (and signs in, creates the folder) without sending a file; a line for the UI. */
  test(): Promise<string>;
}

export interface DelivererOptions {
  /** The appliance's SMTP settings; needed by e-mail destinations only. */
  smtp?: SmtpSettings;
  timeoutMs?: number;
}

export function createDeliverer(destination: Destination, options: DelivererOptions = {}): Deliverer {
  const timing = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  switch (destination.kind) {
    case 'ftp':
      return createFtpDeliverer(destination, timing);
    case 'sftp':
      return createSftpDeliverer(destination, timing);
    case 'mail': {
      const smtp = options.smtp;
      if (!smtp) {
        const missing = async (): Promise<never> => {
          throw new DeliveryError(
            'E-mail delivery needs the appliance SMTP settings (server, port, sender): fill them in under Settings',
            false,
          );
        };
        return { deliver: missing, test: missing };
      }
      return createMailDeliverer(destination, smtp, timing);
    }
  }
}
