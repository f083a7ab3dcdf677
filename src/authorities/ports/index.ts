import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import { AKassePort } from './a-kasse.port';
import { AtpPort } from './atp.port';
import { BorgerDkPort } from './borger-dk.port';
import { CprPort } from './cpr.port';
import { DarPort } from './dar.port';
import { DigitalPladsanvisningPort } from './digital-pladsanvisning.port';
import { DigitalPostPort } from './digital-post.port';
import { EmployerPort } from './employer.port';
import { FamilieretshusetPort } from './familieretshuset.port';
import { HealthInsurancePort } from './health-insurance.port';
import { JobnetPort } from './jobnet.port';
import { MinsuPort } from './minsu.port';
import { MitIdPort } from './mitid.port';
import { MunicipalityPort } from './municipality.port';
import { NemkontoPort } from './nemkonto.port';
import { OptagelseDkPort } from './optagelse-dk.port';
import { PensionsInfoPort } from './pensionsinfo.port';
import { SkattestyrelsenPort } from './skattestyrelsen.port';
import { ParishRegistrarPort } from './parish-registrar.port';
import { ProbateCourtPort } from './probate-court.port';
import { SiriPort } from './siri.port';
import { SundhedsdatastyrelsenPort } from './sundhedsdatastyrelsen.port';
import { UdbetalingDanmarkHousingPort } from './udbetaling-danmark-housing.port';
import { UdbetalingDanmarkPensionPort } from './udbetaling-danmark-pension.port';
import { UdbetalingDanmarkPort } from './udbetaling-danmark.port';

export * from './authority-gateway.port';
export * from './port-types';
export {
  AKassePort,
  AtpPort,
  BorgerDkPort,
  CprPort,
  DarPort,
  DigitalPladsanvisningPort,
  DigitalPostPort,
  EmployerPort,
  FamilieretshusetPort,
  HealthInsurancePort,
  JobnetPort,
  MinsuPort,
  MitIdPort,
  MunicipalityPort,
  NemkontoPort,
  OptagelseDkPort,
  ParishRegistrarPort,
  PensionsInfoPort,
  ProbateCourtPort,
  SiriPort,
  SkattestyrelsenPort,
  SundhedsdatastyrelsenPort,
  UdbetalingDanmarkHousingPort,
  UdbetalingDanmarkPensionPort,
  UdbetalingDanmarkPort,
};

/** The port class of every system: also the Nest injection token of its adapter. */
export const PORT_CLASSES = {
  cpr: CprPort,
  'borger-dk': BorgerDkPort,
  municipality: MunicipalityPort,
  'health-insurance': HealthInsurancePort,
  mitid: MitIdPort,
  'digital-post': DigitalPostPort,
  skattestyrelsen: SkattestyrelsenPort,
  'udbetaling-danmark': UdbetalingDanmarkPort,
  'udbetaling-danmark-housing': UdbetalingDanmarkHousingPort,
  'udbetaling-danmark-pension': UdbetalingDanmarkPensionPort,
  atp: AtpPort,
  nemkonto: NemkontoPort,
  familieretshuset: FamilieretshusetPort,
  'parish-registrar': ParishRegistrarPort,
  'probate-court': ProbateCourtPort,
  sundhedsdatastyrelsen: SundhedsdatastyrelsenPort,
  jobnet: JobnetPort,
  'a-kasse': AKassePort,
  'optagelse-dk': OptagelseDkPort,
  minsu: MinsuPort,
  'digital-pladsanvisning': DigitalPladsanvisningPort,
  siri: SiriPort,
  dar: DarPort,
  employer: EmployerPort,
  pensionsinfo: PensionsInfoPort,
} as const satisfies Record<AuthoritySystemId, abstract new () => object>;

/** One adapter per system, each behind its port. */
export type AuthorityPorts = { [S in AuthoritySystemId]: InstanceType<(typeof PORT_CLASSES)[S]> };
