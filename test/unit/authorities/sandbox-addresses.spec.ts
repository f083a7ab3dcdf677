import { searchAddresses } from '../../../src/authorities/sandbox/addresses';

describe('the sandbox address register', () => {
  it('does find an address by street, number and postcode in any order, and a number only as a whole number', () => {
    expect(searchAddresses('vesterbrogade 12 1620').map((a) => a.label)).toEqual(['Vesterbrogade 12, 3. tv, 1620 København V']);
    expect(searchAddresses('1620, Vesterbrogade').map((a) => a.municipalityCode)).toEqual(['0101']);
    expect(searchAddresses('Viborgvej 12')).toEqual([]);
  });

  it('does find addresses by town, and nothing for an empty query', () => {
    expect(searchAddresses('aarhus').map((a) => a.label)).toEqual([
      'Rådhuspladsen 2, 1. th, 8000 Aarhus C',
      'Søndergade 14, 8000 Aarhus C',
      'Viborgvej 120, 8210 Aarhus V',
    ]);
    expect(searchAddresses('   ')).toEqual([]);
  });
});
