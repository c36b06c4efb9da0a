import type { Construct } from '../schema';
import { career } from './career';
import { compliance } from './compliance';
import { digitalSkills } from './digital-skills';
import { engagement } from './engagement';
import { evaluationFairness } from './evaluation-fairness';
import { harassmentClimate } from './harassment-climate';
import { health } from './health';
import { learningCulture } from './learning-culture';
import { organisationalGoals } from './organisational-goals';
import { psychologicalSafety } from './psychological-safety';
import { recruitmentOnboarding } from './recruitment-onboarding';
import { selfDevelopment } from './self-development';
import { trainingEffectiveness } from './training-effectiveness';
import { workplaceSafety } from './workplace-safety';
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
  organisationalGoals,
  psychologicalSafety,
  recruitmentOnboarding,
  selfDevelopment,
  trainingEffectiveness,
  workplaceSafety,
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
  selfDevelopment,
  psychologicalSafety,
  learningCulture,
  organisationalGoals,
  workstyle,
  health,
  workplaceSafety,
  harassmentClimate,
];

/** The construct with this id, from the bank or the given list. */
export function constructById(
  id: string,
  constructs: readonly Construct[] = CONSTRUCTS,
): Construct | undefined {
  return constructs.find((c) => c.id === id);
}
