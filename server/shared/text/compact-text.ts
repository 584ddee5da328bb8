/** Text compared as written but for width, case and spacing: NFKC, no whitespace, lower case ("Open SSL" = "openssl"). */
export const compactText = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
