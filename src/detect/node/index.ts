import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const nodeDetector: Detector = {
  id: 'node',
  displayName: 'Node.js',
  priority: 40,
  // project.json: Nx projects in an integrated repo have no package.json of their own.
  markers: ['package.json', 'project.json'],
  detect,
  plan,
};
