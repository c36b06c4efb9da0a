import type { Construct } from '../schema';
import { career } from './career';
import { compliance } from './compliance';
import { digitalSkills } from './digital-skills';
import { engagement } from './engagement';
import { evaluationFairness } from './evaluation-fairness';
import { harassmentClimate } from './harassment-climate';
import { health } from './health';
import { learningCulture } from './learning-culture';
import { psychologicalSafety } from './psychological-safety';
import { recruitmentOnboarding } from './recruitment-onboarding';
import { trainingEffectiveness } from './training-effectiveness';
import { workstyle } from './workstyle';

export {
  career,
  compliance,
  digitalSkills,
  engagement,
  evaluationFairness,
  harassmentClimate,
  health,
  learningCulture,
  psychologicalSafety,
  recruitmentOnboarding,
  trainingEffectiveness,
  workstyle,
};

/** The construct bank, grouped by pillar (personnel, training, culture, environment). */
export const CONSTRUCTS: readonly Construct[] = [
  career,
  evaluationFairness,
  recruitmentOnboarding,
  engagement,
  compliance,
  trainingEffectiveness,
  digitalSkills,
  psychologicalSafety,
  learningCulture,
  workstyle,
  health,
  harassmentClimate,
];

/** The construct with this id, from the bank or the given list. */
export function constructById(
  id: string,
  constructs: readonly Construct[] = CONSTRUCTS,
): Construct | undefined {
  return constructs.find((c) => c.id === id);
}
