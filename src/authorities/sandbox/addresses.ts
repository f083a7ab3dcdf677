/**
 * Real-looking Danish addresses for the sandbox's `dar/search-address`: streets, numbers, postcodes,
 * towns and municipality codes as they go together, with made-up address ids (the sandbox is no register).
 */
export interface SandboxAddress {
  addressId: string;
  label: string;
  municipalityCode: string;
}

const A = (n: number, label: string, municipalityCode: string): SandboxAddress => ({
  addressId: `0a3f50a0-${String(n).padStart(4, '0')}-32b8-e044-0003ba298018`,
  label,
  municipalityCode,
});

export const SANDBOX_ADDRESSES: readonly SandboxAddress[] = [
  A(1, 'Rådhuspladsen 1, 1550 København V', '0101'),
  A(2, 'Vesterbrogade 12, 3. tv, 1620 København V', '0101'),
  A(3, 'Nørrebrogade 45, 2. th, 2200 København N', '0101'),
  A(4, 'Amagerbrogade 150, st, 2300 København S', '0101'),
  A(5, 'Gammel Kongevej 60, 1. tv, 1850 Frederiksberg C', '0147'),
  A(6, 'Falkoner Allé 21, 4. th, 2000 Frederiksberg', '0147'),
  A(7, 'Rådhuspladsen 2, 1. th, 8000 Aarhus C', '0751'),
  A(8, 'Søndergade 14, 8000 Aarhus C', '0751'),
  A(9, 'Viborgvej 120, 8210 Aarhus V', '0751'),
  A(10, 'Vestergade 3, 5000 Odense C', '0461'),
  A(11, 'Kongensgade 70, 2. tv, 5000 Odense C', '0461'),
  A(12, 'Boulevarden 13, 9000 Aalborg', '0851'),
  A(13, 'Vesterbro 80, 9000 Aalborg', '0851'),
  A(14, 'Torvet 5, 6700 Esbjerg', '0561'),
  A(15, 'Stændertorvet 1, 4000 Roskilde', '0265'),
  A(16, 'Algade 22, 4000 Roskilde', '0265'),
  A(17, 'Hovedgaden 10, 2970 Hørsholm', '0223'),
  A(18, 'Jernbanegade 7, 7100 Vejle', '0630'),
  A(19, 'Storegade 30, 6100 Haderslev', '0510'),
  A(20, 'Nørregade 2, 8800 Viborg', '0791'),
];

/** Every word of the query (street, number, postcode, town) must occur in the address, in any order. */
export function searchAddresses(query: string, limit = 10): SandboxAddress[] {
  const words = query
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!words.length) return [];
  const tokens = (label: string) =>
    label
      .toLowerCase()
      .split(/[\s,.]+/)
      .filter(Boolean);
  return SANDBOX_ADDRESSES.filter((a) => {
    const have = tokens(a.label);
    return words.every((w) => have.some((h) => (/^\d+$/.test(w) ? h === w : h.startsWith(w))));
  }).slice(0, limit);
}
