/**
 * `npx cdk synth -c stage=dev|prod` (cdk.json runs this file). Offline: no
 * lookups, no account, no region — see `npm run synth` and docs/DEPLOY.md.
 */
import { koeApp } from './koe-app';

koeApp();
