// Preset "Format France" (format-france.md): one click sets every journal, account and
// customer setting. New profiles and the command line start from it.
import {
  ALL_COUNTRIES,
  PROFILE_VERSION,
  type AccountingSettings,
  type ImportSettings,
  type Profile,
  type TargetSettings,
} from '../profile.js';

/** Labels of the French chart of accounts (PCG) for the accounts the preset uses, by prefix. */
const PCG_LABELS: Record<string, string> = {
  '411': 'Clients',
  '4457': 'TVA collectée',
  '445710': 'TVA collectée 10 %',
  '445720': 'TVA collectée 20 %',
  '445721': 'TVA collectée 2,1 %',
  '445755': 'TVA collectée 5,5 %',
  '512': 'Banques',
  '627': 'Services bancaires et assimilés',
  '658': 'Charges diverses de gestion courante',
  '6': 'Charges',
  '707': 'Ventes de marchandises',
  '707100': 'Ventes de marchandises sans TVA',
  '707200': 'Ventes de marchandises avec TVA',
  '708': 'Produits des activités annexes',
  '708520': 'Ports et frais facturés',
  '709': 'Rabais, remises et ristournes accordés',
  '758': 'Produits divers de gestion courante',
  '7': 'Produits',
  '4': 'Comptes de tiers',
  '5': 'Comptes financiers',
};

export function formatFranceAccounting(): AccountingSettings {
  return {
    accountLength: 6,
    bookCurrency: 'EUR',
    journals: { default: { sales: 'VTE', creditNotes: 'AVO' }, exceptions: [] },
    journalLabels: { VTE: 'Ventes', AVO: 'Avoirs', BQ1: 'Banque' },
    accountLabels: { ...PCG_LABELS },
    salesAccounts: {
      default: {
        withVat: '707200',
        withoutVat: '707100',
        discountWithVat: '709000',
        discountWithoutVat: '709000',
      },
      exceptions: [],
    },
    deviationAccounts: {
      default: {
        chargeAdjustment: '658000',
        productAdjustment: '758000',
        chargeDeviation: '658000',
        productDeviation: '758000',
      },
      exceptions: [],
    },
    taxes: {
      default: { account: '445720', code: 'C20' },
      exceptions: [
        { key: { country: ALL_COUNTRIES, tax: '10' }, value: { account: '445710', code: 'C10' } },
        { key: { country: ALL_COUNTRIES, tax: '5.5' }, value: { account: '445755', code: 'C55' } },
        { key: { country: ALL_COUNTRIES, tax: '2.1' }, value: { account: '445721', code: 'C21' } },
      ],
    },
    payments: {
      default: {
        mode: 'CB',
        journal: 'BQ1',
        bankAccount: '512000',
        feeAccount: '627000',
        createBankEntry: true,
      },
      exceptions: [],
    },
    carriers: {
      default: {
        shippingWithVat: '708520',
        shippingWithoutVat: '708520',
        wrappingWithVat: '708520',
        wrappingWithoutVat: '708520',
      },
      exceptions: [],
    },
    customers: {
      accountingAccount: { mode: 'same', account: '411000' },
      customerAccount: { mode: 'per-customer', prefix: 'WEB', length: 8 },
      guestAccountingAccount: '411000',
      guestCustomerAccount: 'WEB00000',
      removeAccents: false,
      upperCaseName: false,
      upperCaseAddress: false,
      countryFrom: 'invoice',
    },
    rounding: { decimals: 2, level: 'line', difference: 'deviation', tolerance: '0.05' },
    sales: { entryDate: 'order', pieceNumber: 'order-id', reference: 'Cde %OI', label: 'Cde %OI - %CL' },
    currency: { createEntriesInCurrency: false },
    analytic: { products: false, carrierSection: '' },
    dueDate: { from: 'order', days: 0, endOfMonth: false },
    lettering: true,
    creditNotes: {
      entryDate: 'creditnote',
      pieceNumber: 'order-id',
      reference: 'Web %OI - %CL',
      label: 'Credit %OI of %OD',
    },
  };
}

export function formatFranceTarget(outbox: string): TargetSettings {
  return {
    entriesFormat: 'fec',
    entriesFileName: 'Ventes-%Y%M%D-%h%m%s',
    customersFileName: 'Clients-%Y%M%D-%h%m%s',
    outbox,
  };
}

/** The profile created on first start: drop folder → FEC, preset Format France. */
export function defaultDropFolderProfile(id: string, inbox: string, outbox: string): Profile {
  return {
    id,
    version: PROFILE_VERSION,
    name: 'DOSSIER DE DÉPÔT <> TEXTE',
    source: { type: 'dropfolder', path: inbox },
    target: formatFranceTarget(outbox),
    accounting: formatFranceAccounting(),
    features: { orders: true, creditNotes: true },
    import: formatFranceImport(),
    delivery: { destinations: [] },
    notifications: { recipients: [], subject: 'Comptoir : %P — %S', onSuccess: false, onFailure: true },
    debug: false,
  };
}

/** Order states: empty means the shop's "paid" states (format-france.md); credit notes: all. */
export function formatFranceImport(): ImportSettings {
  return {
    states: [],
    shops: [],
    period: 'last-7-days',
    dateField: 'order',
    creditNotes: 'all',
    extraPaymentMethods: [],
  };
}
