/** What the moving journey is started with: the citizen's answers and the register facts it reads. */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema, Text } from '../shared/contract';
import { schema } from '../shared/kit';

export type MovingAnswers = {
  movingDate: IsoDate;
  newAddress: {
    /** DAR unit-address UUID: moves can only target addresses that exist in DAR/BBR. */
    darAddressId: string;
    municipalityCode: string;
    careOf?: string;
  };
  othersRegisteredAtNewAddress: boolean;
  renting: boolean;
  childrenMoving: boolean;
  childLeavesJointCustodyHome: boolean;
  wantsAddressProtection: boolean;
};

/** Register facts (CPR). Absent when the register lookup did not return them. */
export type MovingFacts = {
  municipalityCode?: string;
};

/** Four-digit kommunekode as CPR and DAR write it (0101 København). */
const municipalityCode = (title: Text, hint?: Text): JsonSchema => schema.pattern('^[0-9]{4}$', title, hint);

export const movingStartSchema: JsonSchema = schema.object({
  movingDate: schema.date(
    { da: 'Flyttedato', en: 'Moving date' },
    {
      da: 'Dagen, husstanden flytter ind (udgangspunkt for alle frister)',
      en: 'The day the household moves in (the anchor of every deadline)',
    },
  ),
  newAddress: schema.titled(
    { da: 'Ny adresse', en: 'New address' },
    schema.object(
      {
        darAddressId: schema.uuid(
          { da: 'Adressens id i Danmarks Adresseregister (DAR)', en: 'Address id in the Danish Address Register (DAR)' },
          { da: 'Adressens id i DAR for den nye bolig', en: 'DAR address UUID of the new home' },
        ),
        municipalityCode: municipalityCode(
          { da: 'Kommunekode (4 cifre)', en: 'Municipality code (4 digits)' },
          { da: 'Kommune for den nye adresse (kommunekode)', en: 'Municipality of the new address (kommunekode)' },
        ),
        careOf: schema.text({ da: 'c/o-navn', en: 'c/o name' }, 100, {
          da: 'c/o-navn, når adressen er en andens',
          en: 'c/o name when the address is someone else’s',
        }),
      },
      ['careOf'],
    ),
  ),
  othersRegisteredAtNewAddress: schema.yesNo(
    { da: 'Bor der allerede andre på den nye adresse?', en: 'Are others already registered at the new address?' },
    { da: 'Der bor allerede andre på den nye adresse', en: 'Other people are already registered at the new address' },
  ),
  renting: schema.yesNo(
    { da: 'Lejer du den nye bolig?', en: 'Do you rent the new home?' },
    { da: 'Den nye bolig er lejet', en: 'The new home is rented' },
  ),
  childrenMoving: schema.yesNo(
    { da: 'Flytter der børn under 18 år med?', en: 'Are children under 18 moving with you?' },
    { da: 'Børn under 18 år flytter med', en: 'Children under 18 move with the citizen' },
  ),
  childLeavesJointCustodyHome: schema.yesNo(
    {
      da: 'Flytter et barn fra forældrenes fælles bopæl, hvor I har fælles forældremyndighed?',
      en: "Is a child leaving the parents' joint home, with joint custody?",
    },
    {
      da: 'Et barn flytter fra forældrenes fælles hjem, og forældrene har fælles forældremyndighed',
      en: 'A child leaves the joint home of parents who share custody',
    },
  ),
  wantsAddressProtection: schema.yesNo(
    { da: 'Vil du søge om adressebeskyttelse?', en: 'Do you want to apply for address protection?' },
    { da: 'Du vil søge om adressebeskyttelse', en: 'The citizen wants to apply for address protection' },
  ),
});

export const movingFactsSchema: JsonSchema = schema.object(
  {
    municipalityCode: municipalityCode(
      { da: 'Kommunekode (4 cifre)', en: 'Municipality code (4 digits)' },
      { da: 'Nuværende kommune fra CPR', en: 'Current municipality from CPR' },
    ),
  },
  ['municipalityCode'],
);

/** One example per combination of branches whose states must all be explored (see model-based.spec.ts). */
export const movingStartExamples: MovingAnswers[] = [
  {
    movingDate: '2025-06-02',
    newAddress: { darAddressId: '0a3f50a0-4b7c-32b8-e044-0003ba298018', municipalityCode: '0101' },
    othersRegisteredAtNewAddress: false,
    renting: false,
    childrenMoving: false,
    childLeavesJointCustodyHome: false,
    wantsAddressProtection: false,
  },
  {
    movingDate: '2025-08-01',
    newAddress: { darAddressId: '0a3f5081-7e8c-32b8-e044-0003ba298018', municipalityCode: '0751' },
    othersRegisteredAtNewAddress: false,
    renting: true,
    childrenMoving: true,
    childLeavesJointCustodyHome: false,
    wantsAddressProtection: false,
  },
  {
    movingDate: '2025-04-16',
    newAddress: {
      darAddressId: '0a3f509e-2c5d-32b8-e044-0003ba298018',
      municipalityCode: '0101',
      careOf: 'Jensen',
    },
    othersRegisteredAtNewAddress: true,
    renting: true,
    childrenMoving: false,
    childLeavesJointCustodyHome: false,
    wantsAddressProtection: true,
  },
  {
    movingDate: '2025-10-01',
    newAddress: { darAddressId: '0a3f5098-1d2e-32b8-e044-0003ba298018', municipalityCode: '0147' },
    othersRegisteredAtNewAddress: false,
    renting: true,
    childrenMoving: true,
    childLeavesJointCustodyHome: true,
    wantsAddressProtection: false,
  },
  {
    movingDate: '2025-11-15',
    newAddress: { darAddressId: '0a3f50a2-9b1c-32b8-e044-0003ba298018', municipalityCode: '0101' },
    othersRegisteredAtNewAddress: true,
    renting: false,
    childrenMoving: true,
    childLeavesJointCustodyHome: true,
    wantsAddressProtection: false,
  },
];

export const movingFactsExamples: MovingFacts[] = [{ municipalityCode: '0101' }, {}];
