// A run's journal and error log (French): what the pipeline records with a code and its
// values (domain/run.ts MessageCode), said in the page's language by web/journal-text.ts.
// journal.<code> for journal lines; runError.<code>.problem / .fix for the error log (an
// error line's problem is also its journal line). A code missing here shows the English.
// `.many`: the text when the value `count` is more than 1.
export const frJournal = {
  'document.order': 'commande {order}',
  'document.creditNote': 'avoir {creditNote} de la commande {order}',
  'document.shop': ' (boutique {shop})',
  'journal.file.received': 'Fichier {name} reçu ({size} octets, SHA-256 {sha256})',
  'journal.file.archived': 'Fichier source archivé sous {path}',
  'journal.file.movedToFailed': 'Fichier source déplacé dans failed/{name}',
  'journal.run.ended': 'Exécution terminée : {status}',
  'journal.run.cancelled':
    "L'exécution a été arrêtée avant sa fin ; aucun de ses documents n'a été transféré",
  'journal.outbox.written': 'Écrit dans la boîte de sortie : {name}',
  'journal.shop.readingOrders': 'Lecture des commandes par {dateField} du {from} au {to}',
  'journal.shop.readingCreditNotes': 'Lecture des avoirs du {from} au {to}',
  'journal.dateField.order': 'date de commande',
  'journal.dateField.invoice': 'date de facture',
  'journal.document.booked': 'comptabilisé : {count} écriture',
  'journal.document.booked.many': 'comptabilisé : {count} écritures',
  'journal.document.notBooked': 'non comptabilisé (voir le journal des erreurs)',
  'journal.preview.leftOut': 'écarté dans la liste des écritures ; non transféré',
  'journal.skip.repeated': 'apparaît une deuxième fois dans ce fichier ; comptabilisé une seule fois',
  'journal.skip.transferred': 'déjà transféré pour ce profil ; ignoré',
  'journal.skip.orders': "ce profil n'importe pas les commandes",
  'journal.skip.creditNotes': "ce profil n'importe pas les avoirs",
  'journal.skip.orderNotTransferred': 'commande {order} pas encore transférée ; ignoré',
  'journal.xml.unknownElement': 'Élément inconnu <{name}> ignoré',
  'journal.note.roundingProduct': "écart d'arrondi de {amount} absorbé par la première ligne de produit",
  'journal.note.roundingTax': "écart d'arrondi de {amount} absorbé par la première ligne de TVA",
  'journal.note.deviation': 'écart de {amount} comptabilisé sur {account} ({side})',
  'journal.note.creditNoteWithoutLines':
    "avoir sans lignes : {amount} comptabilisé sur le compte d'ajustement des frais {account}",
  'journal.note.assumedPayment':
    'aucun paiement dans le document : un paiement « {payment} » de {amount} le {date} est supposé',
  'journal.note.noBankEntry':
    "paiement « {payment} » : pas d'écriture de banque (la correspondance du paiement le demande)",
  'journal.note.giftCard':
    "carte cadeau « {product} » de {amount} comptabilisée sur le compte d'ajustement {account}, pas comme une vente",
  'journal.side.debit': 'débit',
  'journal.side.credit': 'crédit',

  'runError.field.missing.problem': '<{name}> est absent ou vide',
  'runError.field.missing.fix': 'Ajoutez <{name}> au document : cet élément est obligatoire',
  'runError.field.repeated.problem': '<{name}> apparaît {count} fois',
  'runError.field.repeated.fix': 'Ne gardez qu’un seul élément <{name}>',
  'runError.field.notFlag.problem': '<{name}> vaut « {value} »',
  'runError.field.notFlag.fix': 'Écrivez <{name}>1</{name}> ou <{name}>0</{name}>',
  'runError.field.notAmount.problem': '« {value} » n’est pas un nombre décimal',
  'runError.field.notAmount.fix':
    'Écrivez les nombres avec un point comme séparateur décimal et sans séparateur de milliers, par exemple 1234.50',
  'runError.field.negative.problem': '{value} est négatif',
  'runError.field.negative.fix':
    'Les montants sont des nombres positifs : un avoir rend des montants positifs, et les remises sont positives elles aussi',
  'runError.field.tooLarge.problem': '{value} est trop grand (plus de {digits} chiffres avant la virgule)',
  'runError.field.tooLarge.fix':
    'Vérifiez ce montant dans la boutique : les fichiers comptables acceptent des montants jusqu’à 9 999 999 999 999,99',
  'runError.field.notDate.problem': '« {value} » n’est pas une date valide',
  'runError.field.notDate.fix':
    'Écrivez les dates sous la forme AAAA-MM-JJ ou AAAA-MM-JJ HH:MM:SS (une vraie date du calendrier) ; laissez vide ou 0000-00-00 s’il n’y en a pas',
  'runError.xml.malformed.problem':
    'Le fichier n’est pas un XML bien formé : {detail} (ligne {line}, colonne {column})',
  'runError.xml.malformed.fix':
    'Corrigez le fichier (voir la ligne et la colonne) puis déposez-le à nouveau dans le dossier de dépôt',
  'runError.xml.notOrders.problem':
    'L’élément racine doit être <orders>, pas <{name}> : ce n’est pas un fichier de commandes (ligne {line}, colonne {column})',
  'runError.xml.notOrders.fix':
    'Déposez un fichier de commandes (order XML) ; corrigez le fichier puis déposez-le à nouveau dans le dossier de dépôt',
  'runError.file.unreadable.fix':
    'Corrigez le fichier (voir la ligne et la colonne) puis déposez-le à nouveau dans le dossier de dépôt',
  'runError.file.duplicate.problem': 'même contenu que {name}, importé par l’exécution n° {run}',
  'runError.file.duplicate.fix':
    'Rien à faire si le fichier a été envoyé deux fois par erreur. Pour comptabiliser à nouveau ses documents, réinitialisez-les (documents transférés) puis déposez à nouveau le fichier',
  'runError.file.allTransferred.problem':
    'ses documents ({read}) ont tous déjà été transférés pour ce profil par des exécutions précédentes',
  'runError.file.allTransferred.fix':
    'Rien à faire si le fichier a été envoyé deux fois par erreur. Pour comptabiliser à nouveau ses documents, réinitialisez-les (documents transférés) puis déposez à nouveau le fichier',
  'runError.file.nothingBooked.problem':
    'rien n’a été comptabilisé : {failed} document(s) sur {read} en échec (voir le journal des erreurs pour le champ en cause)',
  'runError.file.nothingBooked.fix':
    'Corrigez les documents listés dans le journal des erreurs puis déposez à nouveau le fichier dans le dossier de dépôt',
  'runError.document.unexpected.fix': 'Vérifiez ce document dans la source puis déposez à nouveau le fichier',
  'runError.format.value.fix':
    'Modifiez cette valeur dans la source, ou choisissez un format (ou un encodage) qui peut la contenir',
} as const;
