/** Where a filed form's receipt lives (no secrets in these addresses: see web-receipt.ts). */
export const RECEIPT_PATH = '/recibo';
/** Posted the form's signed submission key, answers the receipt as a PDF to keep. */
export const RECEIPT_PDF_PATH = '/recibo/pdf';
