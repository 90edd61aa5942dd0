/**
 * Controlled terms shared by the simulator, the ingestion specs and the ADaM derivations for this
 * trial family (lupus nephritis). CDISC CT where a code exists; where domain.md 6.2 marks a code as
 * unconfirmed (anti-dsDNA, ANA) the code chosen here is the project's convention and is listed in the
 * report's appendix. Units are the *standard* (LBSTRESU) units the analysis uses.
 */

/**
 * Spellings of 10^9 cells/L, all the same quantity (1 thousand per µL = 10^3/µL = 10^9/L), e.g. the CDISC
 * pilot's "THOU/uL": accepted with factor 1, never guessed beyond this list.
 */
const CellCountUnits = ['10^9/L', 'GI/L', '10^3/uL', 'THOU/uL', 'K/uL', 'x10^9/L'];

/** Lab tests used by the trial: code → label, specimen, standard unit, accepted original units. */
export const LabTests = {
  PROT: { label: '24-hour urine protein', spec: 'URINE', unit: 'g/24h', originalUnits: ['g/24h', 'mg/24h'] },
  PROTCRT: { label: 'Urine protein/creatinine ratio', spec: 'URINE', unit: 'g/g', originalUnits: ['g/g', 'mg/mg', 'mg/g', 'mg/mmol'] },
  CREAT: { label: 'Serum creatinine', spec: 'SERUM', unit: 'umol/L', originalUnits: ['umol/L', 'mg/dL'] },
  ALB: { label: 'Serum albumin', spec: 'SERUM', unit: 'g/L', originalUnits: ['g/L', 'g/dL'] },
  C3: { label: 'Complement C3', spec: 'SERUM', unit: 'g/L', originalUnits: ['g/L', 'mg/dL'] },
  C4: { label: 'Complement C4', spec: 'SERUM', unit: 'g/L', originalUnits: ['g/L', 'mg/dL'] },
  DSDNA: { label: 'Anti-dsDNA antibodies', spec: 'SERUM', unit: 'IU/mL', originalUnits: ['IU/mL'] },
  ANA: { label: 'Antinuclear antibodies (reciprocal titre)', spec: 'SERUM', unit: 'titer', originalUnits: ['titer'] },
  RBC: { label: 'Urine red blood cells', spec: 'URINE', unit: '/HPF', originalUnits: ['/HPF'] },
  HGB: { label: 'Haemoglobin', spec: 'BLOOD', unit: 'g/L', originalUnits: ['g/L', 'g/dL'] },
  WBC: { label: 'White blood cells', spec: 'BLOOD', unit: '10^9/L', originalUnits: CellCountUnits },
  PLAT: { label: 'Platelets', spec: 'BLOOD', unit: '10^9/L', originalUnits: CellCountUnits },
  ALT: { label: 'Alanine aminotransferase', spec: 'SERUM', unit: 'U/L', originalUnits: ['U/L'] },
  AST: { label: 'Aspartate aminotransferase', spec: 'SERUM', unit: 'U/L', originalUnits: ['U/L'] },
} as const;
export type LabTestCode = keyof typeof LabTests;
export function isLabTestCode(x: string): x is LabTestCode {
  return Object.prototype.hasOwnProperty.call(LabTests, x);
}

/** QS categories (QSCAT) and their test codes. */
export const QsCategories = {
  SLEDAI: 'SLEDAI-2K',
  BILAG: 'BILAG-2004',
  PHGA: 'PHYSICIAN GLOBAL ASSESSMENT',
  HAQ: 'HAQ-DI',
} as const;

/**
 * SLEDAI-2K descriptors (Gladman et al., J Rheumatol 2002;29:288): QSTESTCD → weight.
 * QSSTRESN is 1 if the descriptor is present, 0 if absent. Order as in domain.md 4.1.
 */
export const SledaiItems = {
  SLSEIZ: 8, SLPSYCH: 8, SLOBS: 8, SLVISUAL: 8, SLCRANN: 8, SLHEAD: 8, SLCVA: 8, SLVASC: 8,
  SLARTH: 4, SLMYOS: 4, SLCAST: 4, SLHEMAT: 4, SLPROT: 4, SLPYUR: 4,
  SLRASH: 2, SLALOP: 2, SLMUCO: 2, SLPLEUR: 2, SLPERI: 2, SLCOMP: 2, SLDNA: 2,
  SLFEVER: 1, SLTHROM: 1, SLLEUK: 1,
} as const;
export type SledaiItemCode = keyof typeof SledaiItems;

/**
 * BILAG-2004 organ domains: QSTESTCD → label. QSSTRESC is the investigator's grade A–E (the pipeline
 * ingests grades, it does not re-derive them: domain.md 4.3).
 */
export const BilagDomains = {
  BLCONS: 'Constitutional', BLMUCO: 'Mucocutaneous', BLNEUR: 'Neuropsychiatric', BLMUSC: 'Musculoskeletal',
  BLCARD: 'Cardiorespiratory', BLGAST: 'Gastrointestinal', BLOPHT: 'Ophthalmic', BLRENA: 'Renal',
  BLHAEM: 'Haematological',
} as const;
export type BilagDomainCode = keyof typeof BilagDomains;
export const BilagGrades = ['A', 'B', 'C', 'D', 'E'] as const;
export type BilagGrade = (typeof BilagGrades)[number];

/** Physician global assessment (0–3 VAS, QSSTRESN) test code. */
export const PhgaTestCode = 'PHGA';

/**
 * HAQ-DI: 8 categories; items scored 0–3 (QSSTRESN). Aid/device use per category is a separate item
 * `HAQAIDn` (QSSTRESC 'Y'/'N'). domain.md 4.5.
 */
export const HaqCategories = {
  HAQ1: 'Dressing and grooming', HAQ2: 'Arising', HAQ3: 'Eating', HAQ4: 'Walking',
  HAQ5: 'Hygiene', HAQ6: 'Reach', HAQ7: 'Grip', HAQ8: 'Activities',
} as const;
/** HAQ items per category: QSTESTCD = `HAQ<c>I<k>` (category c, item k). 20 items in all. */
export const HaqItemsPerCategory = { HAQ1: 2, HAQ2: 2, HAQ3: 3, HAQ4: 2, HAQ5: 3, HAQ6: 2, HAQ7: 3, HAQ8: 3 } as const;

/** Disposition (DSDECOD) terms the derivations read. */
export const DsDecod = {
  randomized: 'RANDOMIZED',
  completed: 'COMPLETED',
  death: 'DEATH',
  adverseEvent: 'ADVERSE EVENT',
  lackOfEfficacy: 'LACK OF EFFICACY',
  withdrawalBySubject: 'WITHDRAWAL BY SUBJECT',
  lostToFollowUp: 'LOST TO FOLLOW-UP',
  physicianDecision: 'PHYSICIAN DECISION',
  protocolDeviation: 'PROTOCOL DEVIATION',
} as const;

/** CMCAT value marking rescue / prohibited immunosuppressive therapy (an intercurrent event). */
export const RescueCmCat = 'RESCUE THERAPY';

/** SUPPDM QNAMs used by this trial (design.md input contract). */
export const SuppdmQnam = {
  stratum: 'STRATUM',
  lnClass: 'LNCLASS',
  randomizationDate: 'RANDDT',
  perProtocolExclusion: 'PPEXCL',
} as const;
